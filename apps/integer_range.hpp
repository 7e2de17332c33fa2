#pragma once
// CLI11 reads integers with strtoll / strtoull: a value past 64 bits saturates to the largest one
// and "-1" wraps around for an unsigned option, both silently. Every integer option checks its text
// with this validator first, so such values are refused like any other bad one, naming the option.
#include <CLI/CLI.hpp>
#include <charconv>
#include <limits>
#include <string>

namespace snnsense::cli {

// Accepts the decimal integers in [min, max] that fit T; the message gives the range.
template <class T>
CLI::Validator integer_range(T min, T max = std::numeric_limits<T>::max()) {
  return CLI::Validator(
      [min, max](std::string& text) -> std::string {
        T value{};
        const char* end = text.data() + text.size();
        const auto [stop, error] = std::from_chars(text.data(), end, value);
        if (text.empty() || error != std::errc() || stop != end || value < min || value > max)
          return "must be an integer in [" + std::to_string(min) + ", " + std::to_string(max) + "], got " + text;
        return "";
      },
      "");
}

// Accepts any decimal integer that fits T, for options whose own validation gives the range in
// words (GenerateOptions::validate: "--n must be positive").
template <class T>
CLI::Validator integer_fitting() {
  return integer_range<T>(std::numeric_limits<T>::lowest());
}

}  // namespace snnsense::cli
