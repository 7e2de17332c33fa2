// The report renderer: Markdown and self-contained HTML from one list of blocks.
#include <gtest/gtest.h>

#include "../io/temp_dir.hpp"
#include "snnsense/core/error.hpp"
#include "snnsense/experiments/base64.hpp"
#include "snnsense/experiments/report_document.hpp"

using namespace snnsense;
using snnsense::testing::TempDir;

TEST(Base64, MatchesTheRfcTestVectors) {
  EXPECT_EQ(base64_encode(""), "");
  EXPECT_EQ(base64_encode("f"), "Zg==");
  EXPECT_EQ(base64_encode("fo"), "Zm8=");
  EXPECT_EQ(base64_encode("foo"), "Zm9v");
  EXPECT_EQ(base64_encode("foob"), "Zm9vYg==");
  EXPECT_EQ(base64_encode("fooba"), "Zm9vYmE=");
  EXPECT_EQ(base64_encode("foobar"), "Zm9vYmFy");
  EXPECT_EQ(base64_encode(std::string("\xff\x00\x80", 3)), "/wCA");
}

TEST(ReportDocument, MarkdownKeepsTablesIntactAndLinksFigures) {
  ReportDocument doc("Title");
  doc.heading("Results");
  doc.paragraph("Numbers from `summary.json`.");
  doc.table({"model", "note"}, {{"snn", "a | b"}, {"lg", "two\nlines"}});
  doc.figure("figures/loss.png", "Training loss");
  doc.links({{"fig1", "fig1/report.md", "fig1/report.html"}});
  const std::string md = doc.markdown();
  EXPECT_EQ(md.rfind("# Title\n", 0), 0u);
  EXPECT_NE(md.find("## Results\n"), std::string::npos);
  EXPECT_NE(md.find("| model | note |\n| --- | --- |\n| snn | a \\| b |\n| lg | two lines |\n"), std::string::npos);
  EXPECT_NE(md.find("![Training loss](figures/loss.png)"), std::string::npos);
  EXPECT_NE(md.find("- [fig1](fig1/report.md)"), std::string::npos);
}

TEST(ReportDocument, HtmlEscapesTextAndEmbedsFigures) {
  TempDir dir;
  std::filesystem::create_directories(dir / "figures");
  snnsense::testing::write_bytes(dir / "figures" / "loss.png", "foobar");
  ReportDocument doc("A < B & C");
  doc.paragraph("gap `||X||_*` <b>");
  doc.table({"h"}, {{"x > y"}});
  doc.figure("figures/loss.png", "cap");
  doc.links({{"fig1", "fig1/report.md", "fig1/report.html"}});
  const std::string html = doc.html(dir.path());
  EXPECT_NE(html.find("<title>A &lt; B &amp; C</title>"), std::string::npos);
  EXPECT_NE(html.find("<p>gap <code>||X||_*</code> &lt;b&gt;</p>"), std::string::npos);
  EXPECT_NE(html.find("<td>x &gt; y</td>"), std::string::npos);
  EXPECT_NE(html.find("src=\"data:image/png;base64,Zm9vYmFy\""), std::string::npos);
  EXPECT_NE(html.find("href=\"fig1/report.html\""), std::string::npos);
  EXPECT_EQ(html.find("figures/loss.png"), std::string::npos);

  doc.write(dir.path());
  EXPECT_EQ(snnsense::testing::read_bytes(dir / "report.html"), html);
  EXPECT_EQ(snnsense::testing::read_bytes(dir / "report.md"), doc.markdown());
}

TEST(ReportDocument, MissingFigureIsAFileErrorNamingIt) {
  TempDir dir;
  ReportDocument doc("T");
  doc.figure("figures/none.png", "cap");
  try {
    (void)doc.html(dir.path());
    FAIL() << "expected a FileError";
  } catch (const FileError& e) {
    EXPECT_NE(std::string(e.what()).find("none.png"), std::string::npos) << e.what();
  }
}
