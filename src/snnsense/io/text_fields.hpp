#pragma once
// The pieces of plain-text data files: lines with their numbers (CRLF or LF), fields split on a
// delimiter, and numbers read exactly as written (std::from_chars: locale-independent, whole field).
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

namespace snnsense {

// Lines of a file with their 1-based numbers; a trailing '\r' is dropped. Throws FileError when
// the file cannot be opened or read.
class LineReader {
 public:
  explicit LineReader(const std::filesystem::path& file);
  bool next();  // false at the end of the file
  std::string_view line() const { return line_; }
  std::int64_t number() const { return number_; }

 private:
  std::filesystem::path file_;
  std::ifstream in_;
  std::string line_;
  std::int64_t number_ = 0;
};

bool is_blank(std::string_view line);

// ',' (or any other character): split on it, each field trimmed of spaces and tabs.
// ' ': split on runs of spaces and tabs, leading and trailing ones ignored.
std::vector<std::string_view> split_fields(std::string_view line, char delimiter);

// Empty on success, else why `text` is not one: "'x' is not an integer", "... is out of range".
std::string parse_integer(std::string_view text, std::int64_t& value);
// Accepts what strtod does in the C locale, "nan" and "inf" included (the caller refuses them).
std::string parse_number(std::string_view text, double& value);

}  // namespace snnsense
