// The report renderer: Markdown and self-contained HTML from one list of blocks.
#include <gtest/gtest.h>

#include "../io/temp_dir.hpp"
#include "snnsense/core/error.hpp"
#include "snnsense/experiments/reports/base64.hpp"
#include "snnsense/experiments/reports/report_data.hpp"
#include "snnsense/experiments/reports/report_document.hpp"

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

// The page of `reproduce all` shows every reproduction's figures, embedded, so that report.html
// alone carries them (the figures folder of each reproduction is the source).
TEST(IndexReport, EmbedsEachReproductionsFigures) {
  TempDir dir;
  for (const std::string name : {"fig1", "fig2"}) {
    std::filesystem::create_directories(dir / name / "figures");
    snnsense::testing::write_bytes(dir / name / "reproduction.json", R"({"title": "Figure )" + name + R"("})");
    snnsense::testing::write_bytes(
        dir / name / "claims.json",
        R"({"claims": [{"id": "c", "claim": "a claim", "paper": "p", "measured": "m", "agree": true, "note": ""}]})");
  }
  snnsense::testing::write_bytes(dir / "fig1" / "figures" / "loss.png", "foobar");
  snnsense::testing::write_bytes(
      dir / "fig1" / "figures" / "figures.json",
      R"({"figures": [{"file": "loss.png", "svg": "loss.svg", "caption": "Training loss", "width": 640,
                       "height": 400}]})");
  // fig2 drew nothing: the page says so instead of failing.
  const ReportDocument doc = index_report(dir.path(), {"fig1", "fig2"});
  const std::string html = doc.html(dir.path());
  EXPECT_NE(html.find("src=\"data:image/png;base64,Zm9vYmFy\""), std::string::npos) << html;
  EXPECT_NE(html.find("Training loss"), std::string::npos);
  EXPECT_NE(doc.markdown().find("](fig1/figures/loss.png)"), std::string::npos) << doc.markdown();
  EXPECT_NE(html.find("No figures were drawn; see <code>fig2/report.md</code>"), std::string::npos) << html;
}
