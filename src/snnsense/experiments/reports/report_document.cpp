#include "snnsense/experiments/reports/report_document.hpp"

#include <fstream>
#include <iterator>

#include "snnsense/experiments/reports/base64.hpp"
#include "snnsense/io/atomic_file.hpp"
#include "snnsense/io/file_error.hpp"

namespace snnsense {

namespace {

template <class... Ts>
struct Overloaded : Ts... {
  using Ts::operator()...;
};
template <class... Ts>
Overloaded(Ts...) -> Overloaded<Ts...>;

std::string escape_html(const std::string& text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

// `code` spans become <code>; the rest is escaped.
std::string inline_html(const std::string& text) {
  std::string out;
  bool code = false;
  std::size_t from = 0;
  for (std::size_t tick = text.find('`'); tick != std::string::npos; tick = text.find('`', from)) {
    out += escape_html(text.substr(from, tick - from));
    out += code ? "</code>" : "<code>";
    code = !code;
    from = tick + 1;
  }
  out += escape_html(text.substr(from));
  if (code) out += "</code>";
  return out;
}

// A pipe would end the cell, a newline the row.
std::string markdown_cell(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '|')
      out += "\\|";
    else
      out += c == '\n' ? ' ' : c;
  }
  return out;
}

std::string read_bytes(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw_file_error(file, "cannot open the figure to embed it");
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

constexpr const char* kStyle =
    "body{font-family:system-ui,sans-serif;max-width:72rem;margin:2rem auto;padding:0 1rem;color:#222;"
    "line-height:1.45}"
    "table{border-collapse:collapse;margin:1rem 0;font-size:0.92rem}"
    "th,td{border:1px solid #ccc;padding:0.3rem 0.6rem;text-align:left;vertical-align:top}"
    "th{background:#f3f3f3}figure{margin:1.5rem 0}img{max-width:100%;border:1px solid #eee}"
    "figcaption{color:#555;font-size:0.92rem}code{background:#f3f3f3;padding:0 0.2rem}";

}  // namespace

std::string ReportDocument::markdown() const {
  std::string out = "# " + title_ + "\n";
  for (const Block& block : blocks_) {
    out += "\n";
    std::visit(Overloaded{
                   [&out](const Heading& h) { out += "## " + h.text + "\n"; },
                   [&out](const Paragraph& p) { out += p.text + "\n"; },
                   [&out](const Bullets& b) {
                     for (const auto& item : b.items) out += "- " + item + "\n";
                   },
                   [&out](const Links& l) {
                     for (const auto& link : l.links) out += "- [" + link.text + "](" + link.markdown_href + ")\n";
                   },
                   [&out](const Table& t) {
                     auto row = [&out](const std::vector<std::string>& cells) {
                       out += "|";
                       for (const auto& c : cells) out.append(" ").append(markdown_cell(c)).append(" |");
                       out += "\n";
                     };
                     row(t.header);
                     out += "|";
                     for (std::size_t i = 0; i < t.header.size(); ++i) out += " --- |";
                     out += "\n";
                     for (const auto& r : t.rows) row(r);
                   },
                   [&out](const Figure& f) { out += "![" + f.caption + "](" + f.file + ")\n\n*" + f.caption + "*\n"; },
               },
               block);
  }
  return out;
}

std::string ReportDocument::html(const std::filesystem::path& dir) const {
  std::string out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>" +
                    escape_html(title_) + "</title>\n<style>" + kStyle + "</style>\n</head>\n<body>\n<h1>" +
                    escape_html(title_) + "</h1>\n";
  for (const Block& block : blocks_) {
    std::visit(Overloaded{
                   [&out](const Heading& h) { out += "<h2>" + inline_html(h.text) + "</h2>\n"; },
                   [&out](const Paragraph& p) { out += "<p>" + inline_html(p.text) + "</p>\n"; },
                   [&out](const Bullets& b) {
                     out += "<ul>\n";
                     for (const auto& item : b.items) out += "<li>" + inline_html(item) + "</li>\n";
                     out += "</ul>\n";
                   },
                   [&out](const Links& l) {
                     out += "<ul>\n";
                     for (const auto& link : l.links)
                       out += "<li><a href=\"" + escape_html(link.html_href) + "\">" + inline_html(link.text) +
                              "</a></li>\n";
                     out += "</ul>\n";
                   },
                   [&out](const Table& t) {
                     out += "<table>\n<thead><tr>";
                     for (const auto& c : t.header) out += "<th>" + inline_html(c) + "</th>";
                     out += "</tr></thead>\n<tbody>\n";
                     for (const auto& r : t.rows) {
                       out += "<tr>";
                       for (const auto& c : r) out += "<td>" + inline_html(c) + "</td>";
                       out += "</tr>\n";
                     }
                     out += "</tbody>\n</table>\n";
                   },
                   [&out, &dir](const Figure& f) {
                     out += "<figure><img alt=\"" + escape_html(f.caption) + "\" src=\"data:image/png;base64," +
                            base64_encode(read_bytes(dir / f.file)) + "\"><figcaption>" + inline_html(f.caption) +
                            "</figcaption></figure>\n";
                   },
               },
               block);
  }
  return out + "</body>\n</html>\n";
}

void ReportDocument::write(const std::filesystem::path& dir) const {
  const std::string md = markdown();
  const std::string page = html(dir);
  write_file_atomically(dir / "report.md", [&md](std::ostream& out) { out << md; });
  write_file_atomically(dir / "report.html", [&page](std::ostream& out) { out << page; });
}

}  // namespace snnsense
