#pragma once
// A report as a list of blocks, rendered twice: Markdown (report.md, figures linked) and a
// self-contained HTML page (report.html, figures embedded as data URIs so the file can be mailed
// or archived alone). Text may hold `code` spans; everything else is literal.
#include <filesystem>
#include <string>
#include <variant>
#include <vector>

namespace snnsense {

// Relative to the report; a link to another report points at its Markdown or HTML twin.
struct ReportLink {
  std::string text;
  std::string markdown_href;
  std::string html_href;
};

class ReportDocument {
 public:
  explicit ReportDocument(std::string title) : title_(std::move(title)) {}

  void heading(std::string text) { blocks_.emplace_back(Heading{std::move(text)}); }
  void paragraph(std::string text) { blocks_.emplace_back(Paragraph{std::move(text)}); }
  void bullets(std::vector<std::string> items) { blocks_.emplace_back(Bullets{std::move(items)}); }
  void links(std::vector<ReportLink> links) { blocks_.emplace_back(Links{std::move(links)}); }
  void table(std::vector<std::string> header, std::vector<std::vector<std::string>> rows) {
    blocks_.emplace_back(Table{std::move(header), std::move(rows)});
  }
  // `file` is a PNG relative to the report's directory.
  void figure(std::string file, std::string caption) {
    blocks_.emplace_back(Figure{std::move(file), std::move(caption)});
  }

  std::string markdown() const;
  // Reads the figures from `dir` (the report's directory) to embed them.
  std::string html(const std::filesystem::path& dir) const;
  // dir/report.md and dir/report.html, each written atomically.
  void write(const std::filesystem::path& dir) const;

 private:
  struct Heading {
    std::string text;
  };
  struct Paragraph {
    std::string text;
  };
  struct Bullets {
    std::vector<std::string> items;
  };
  struct Links {
    std::vector<ReportLink> links;
  };
  struct Table {
    std::vector<std::string> header;
    std::vector<std::vector<std::string>> rows;
  };
  struct Figure {
    std::string file;
    std::string caption;
  };
  using Block = std::variant<Heading, Paragraph, Bullets, Links, Table, Figure>;

  std::string title_;
  std::vector<Block> blocks_;
};

}  // namespace snnsense
