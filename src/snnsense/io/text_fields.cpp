#include "snnsense/io/text_fields.hpp"

#include <cerrno>
#include <charconv>
#include <cstring>

#include "snnsense/io/file_error.hpp"

namespace snnsense {

namespace {

// from_chars refuses a leading '+', which spreadsheets and printf("%+g") write.
std::string_view without_plus(std::string_view text) {
  return text.size() > 1 && text.front() == '+' && text[1] != '-' ? text.substr(1) : text;
}

// Appended piece by piece: GCC 12 reports a false -Wrestrict for "'" + std::string(...).
std::string quoted(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 2);
  out.append(1, '\'').append(text).append(1, '\'');
  return out;
}

}  // namespace

LineReader::LineReader(const std::filesystem::path& file) : file_(file) {
  std::error_code ec;
  if (std::filesystem::is_directory(file, ec)) throw_file_error(file, "is a directory, not a data file");
  in_.open(file, std::ios::binary);
  if (!in_) throw_file_error(file, std::string("cannot open: ") + std::strerror(errno));
}

bool LineReader::next() {
  if (!std::getline(in_, line_)) {
    if (in_.bad()) throw_file_error(file_, "read error after line " + std::to_string(number_));
    return false;
  }
  if (!line_.empty() && line_.back() == '\r') line_.pop_back();
  ++number_;
  return true;
}

bool is_blank(std::string_view line) { return line.find_first_not_of(" \t") == std::string_view::npos; }

std::vector<std::string_view> split_fields(std::string_view line, char delimiter) {
  std::vector<std::string_view> fields;
  constexpr std::string_view kSpace = " \t";
  if (delimiter == ' ') {
    std::size_t start = line.find_first_not_of(kSpace);
    while (start != std::string_view::npos) {
      const std::size_t end = std::min(line.find_first_of(kSpace, start), line.size());
      fields.push_back(line.substr(start, end - start));
      start = line.find_first_not_of(kSpace, end);
    }
    return fields;
  }
  std::size_t start = 0;
  while (true) {
    const std::size_t end = std::min(line.find(delimiter, start), line.size());
    std::string_view field = line.substr(start, end - start);
    const std::size_t first = field.find_first_not_of(kSpace);
    field = first == std::string_view::npos ? std::string_view{} : field.substr(first, field.find_last_not_of(kSpace) - first + 1);
    fields.push_back(field);
    if (end == line.size()) return fields;
    start = end + 1;
  }
}

std::string parse_integer(std::string_view text, std::int64_t& value) {
  const std::string_view digits = without_plus(text);
  const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (error == std::errc::result_out_of_range) return quoted(text) + " is out of the 64-bit integer range";
  if (error != std::errc() || end != digits.data() + digits.size() || digits.empty())
    return quoted(text) + " is not an integer";
  return {};
}

std::string parse_number(std::string_view text, double& value) {
  const std::string_view digits = without_plus(text);
  const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (error == std::errc::result_out_of_range) return quoted(text) + " is out of the range of a double";
  if (error != std::errc() || end != digits.data() + digits.size() || digits.empty())
    return quoted(text) + " is not a number";
  return {};
}

}  // namespace snnsense
