#pragma once
// The FileError message of a read, or "no FileError": tests compare the whole line, file and line
// number included.
#include <functional>
#include <string>

#include "snnsense/core/error.hpp"

namespace snnsense::testing {

inline std::string file_error_message(const std::function<void()>& read) {
  try {
    read();
  } catch (const FileError& e) {
    return e.what();
  }
  return "no FileError";
}

}  // namespace snnsense::testing
