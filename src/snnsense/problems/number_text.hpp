#pragma once
// Numbers in messages as a user typed them ("0.01", "1e-08"), not std::to_string's "0.010000".
#include <sstream>
#include <string>

namespace snnsense {

inline std::string number_text(double value) {
  std::ostringstream out;
  out << value;
  return out.str();
}

}  // namespace snnsense
