#include "snnsense/io/json_file.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <string>

#include "snnsense/io/atomic_file.hpp"
#include "snnsense/io/file_error.hpp"

namespace snnsense {

nlohmann::json read_json(const std::filesystem::path& file) {
  std::error_code ec;
  if (!std::filesystem::exists(file, ec)) throw_file_error(file, "cannot open (no such file)");
  if (std::filesystem::is_directory(file, ec)) throw_file_error(file, "cannot open (is a directory)");
  std::ifstream in(file, std::ios::binary);
  if (!in) throw_file_error(file, std::string("cannot open (") + std::strerror(errno) + ")");
  try {
    return nlohmann::json::parse(in);
  } catch (const nlohmann::json::exception& error) {
    // Every parser exception, not only parse_error: a number too large for a double is an
    // out_of_range (406). what() reads "[json.exception.parse_error.101] parse error at line 3,
    // column 7: ..."; the bracketed id means nothing to a user, the position and reason do.
    std::string reason = error.what();
    if (const auto end = reason.find("] ");
        reason.starts_with("[json.exception") && end != std::string::npos) {
      reason.erase(0, end + 2);
    }
    for (char& c : reason) {
      if (c == '\n' || c == '\r') c = ' ';
    }
    throw_file_error(file, "malformed JSON: " + reason);
  }
}

void write_json(const std::filesystem::path& file, const nlohmann::json& value) {
  // Replacing invalid UTF-8 (say, from a user-supplied label) beats losing a whole report to it.
  const std::string text = value.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
  write_file_atomically(
      file, [&](std::ostream& out) { out.write(text.data(), static_cast<std::streamsize>(text.size())); });
}

}  // namespace snnsense
