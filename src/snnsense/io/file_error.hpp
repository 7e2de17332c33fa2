#pragma once
// The one shape of every file fault in this layer: "<path>: <fault>", on one line, so a user sees
// at once which file is wrong and why.
#include <filesystem>
#include <string>

#include "snnsense/core/error.hpp"

namespace snnsense {

[[noreturn]] inline void throw_file_error(const std::filesystem::path& file, const std::string& fault) {
  throw FileError(file.string() + ": " + fault);
}

}  // namespace snnsense
