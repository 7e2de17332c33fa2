#pragma once
// The one shape of every file fault in this layer: "<path>: <fault>", on one line, so a user sees
// at once which file is wrong and why.
#include <cstdint>
#include <filesystem>
#include <string>

#include "snnsense/core/error.hpp"

namespace snnsense {

[[noreturn]] inline void throw_file_error(const std::filesystem::path& file, const std::string& fault) {
  throw FileError(file.string() + ": " + fault);
}

// A fault on one line of a text file: "<path>:<line>: <fault>", the form editors jump to.
[[noreturn]] inline void throw_file_line_error(const std::filesystem::path& file, std::int64_t line,
                                               const std::string& fault) {
  throw_file_error(file.string() + ":" + std::to_string(line), fault);
}

}  // namespace snnsense
