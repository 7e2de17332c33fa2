#pragma once
// The bytes of a checkpoint's state: numbers, vectors and matrices appended in a fixed order and
// read back in the same order, every length checked against what is left, so that a truncated or
// altered stream is refused with a FileError naming its source instead of being read past its end.
// Doubles keep their bits (a resumed run continues from exactly the saved numbers).
#include <cstdint>
#include <string>
#include <string_view>

#include "snnsense/core/enum_names.hpp"
#include "snnsense/core/types.hpp"

namespace snnsense {

class StateWriter {
 public:
  void put_u64(std::uint64_t value);
  void put_index(Index value) { put_u64(static_cast<std::uint64_t>(value)); }
  void put_double(double value);
  void put_bool(bool value) { put_u64(value ? 1u : 0u); }
  void put_string(std::string_view bytes);  // length, then the bytes
  void put_vector(const Vector& v);
  void put_matrix(const Matrix& m);

  const std::string& bytes() const { return bytes_; }
  std::string take() { return std::move(bytes_); }

 private:
  void append(const void* data, std::size_t size);
  std::string bytes_;
};

class StateReader {
 public:
  // `source` names the file in error messages; `bytes` must outlive the reader.
  StateReader(std::string_view bytes, std::string source) : bytes_(bytes), source_(std::move(source)) {}

  std::uint64_t get_u64();
  Index get_index();  // a count or position: non-negative and below 2^62
  double get_double();
  bool get_bool();
  std::string get_string();
  Vector get_vector();
  Matrix get_matrix();

  bool at_end() const { return position_ == bytes_.size(); }
  // FileError "<source>: malformed checkpoint (<what>)" unless the stream was read to its end.
  void expect_end() const;
  [[noreturn]] void fail(const std::string& what) const;
  const std::string& source() const { return source_; }

 private:
  std::string_view take(std::size_t size, const char* what);
  std::string_view bytes_;
  std::string source_;
  std::size_t position_ = 0;
};

// An enum with an EnumNames table, as its underlying value; reading refuses a value not in the table.
template <class E>
void put_enum(StateWriter& out, E value) {
  out.put_u64(static_cast<std::uint64_t>(value));
}
template <class E>
E get_enum(StateReader& in) {
  const std::uint64_t value = in.get_u64();
  for (const auto& [known, name] : EnumNames<E>::table)
    if (static_cast<std::uint64_t>(known) == value) return known;
  in.fail("an unknown value " + std::to_string(value) + " of an enumeration");
}

}  // namespace snnsense
