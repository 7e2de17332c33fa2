#pragma once
// printf-style formatting into a std::string, for the sentences and cells of claims and reports
// (std::format is not available with every compiler this project builds with).
#include <cstdio>
#include <string>

namespace snnsense {

template <class... Args>
std::string format_text(const char* format, Args... args) {
  const int size = std::snprintf(nullptr, 0, format, args...);
  std::string text(static_cast<std::size_t>(size > 0 ? size : 0), '\0');
  std::snprintf(text.data(), text.size() + 1, format, args...);
  return text;
}

}  // namespace snnsense
