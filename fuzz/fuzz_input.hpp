#pragma once
// What every fuzz target shares: the parsers read files, so each input is written to a file of
// this process's own, and the parser must either succeed or throw one of the library's errors
// (InputError, FileError, NumericalError: the one clear line a user gets). Anything else, a crash,
// a sanitizer report, another exception, a hang or a leak, is a finding.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

#include "snnsense/core/error.hpp"

namespace snnsense::fuzz {

inline std::filesystem::path scratch_dir() {
  static const std::filesystem::path dir = [] {
    const char* tmp = std::getenv("TMPDIR");
    auto d = std::filesystem::path(tmp && *tmp ? tmp : "/tmp") / ("snnsense-fuzz-" + std::to_string(::getpid()));
    std::filesystem::create_directories(d);
    return d;
  }();
  return dir;
}

inline std::filesystem::path write_input(std::string_view name, const std::uint8_t* data, std::size_t size) {
  const std::filesystem::path file = scratch_dir() / std::string(name);
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  return file;
}

// Runs `parse`; the library's own errors are the expected answer to a bad file.
template <class F>
void expect_clean(F&& parse) {
  try {
    parse();
  } catch (const snnsense::Error&) {
  }
}

}  // namespace snnsense::fuzz
