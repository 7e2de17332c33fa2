#include "snnsense/core/state_stream.hpp"

#include <bit>
#include <cstring>

#include "snnsense/core/error.hpp"

namespace snnsense {

namespace {

// Lengths and counts are bounded well below what a size computation could overflow.
constexpr std::uint64_t kMaxCount = std::uint64_t{1} << 62;

static_assert(std::endian::native == std::endian::little, "checkpoints are written little-endian");

}  // namespace

void StateWriter::append(const void* data, std::size_t size) {
  bytes_.append(static_cast<const char*>(data), size);
}

void StateWriter::put_u64(std::uint64_t value) { append(&value, sizeof value); }

void StateWriter::put_double(double value) { append(&value, sizeof value); }

void StateWriter::put_string(std::string_view bytes) {
  put_u64(static_cast<std::uint64_t>(bytes.size()));
  append(bytes.data(), bytes.size());
}

void StateWriter::put_vector(const Vector& v) {
  put_index(v.size());
  append(v.data(), sizeof(double) * static_cast<std::size_t>(v.size()));
}

void StateWriter::put_matrix(const Matrix& m) {
  put_index(m.rows());
  put_index(m.cols());
  append(m.data(), sizeof(double) * static_cast<std::size_t>(m.size()));
}

void StateReader::fail(const std::string& what) const {
  throw FileError(source_ + ": malformed checkpoint (" + what + ")");
}

void StateReader::expect_end() const {
  if (!at_end()) fail(std::to_string(bytes_.size() - position_) + " bytes left over");
}

std::string_view StateReader::take(std::size_t size, const char* what) {
  if (size > bytes_.size() - position_)
    fail(std::string(what) + " needs " + std::to_string(size) + " bytes, " + std::to_string(bytes_.size() - position_) +
         " left");
  const std::string_view part = bytes_.substr(position_, size);
  position_ += size;
  return part;
}

std::uint64_t StateReader::get_u64() {
  std::uint64_t value = 0;
  std::memcpy(&value, take(sizeof value, "a number").data(), sizeof value);
  return value;
}

Index StateReader::get_index() {
  const std::uint64_t value = get_u64();
  if (value >= kMaxCount) fail("a count of " + std::to_string(value));
  return static_cast<Index>(value);
}

double StateReader::get_double() {
  double value = 0;
  std::memcpy(&value, take(sizeof value, "a number").data(), sizeof value);
  return value;
}

bool StateReader::get_bool() {
  const std::uint64_t value = get_u64();
  if (value > 1) fail("a flag of " + std::to_string(value));
  return value == 1;
}

std::string StateReader::get_string() {
  const Index size = get_index();
  return std::string(take(static_cast<std::size_t>(size), "a string"));
}

Vector StateReader::get_vector() {
  const Index size = get_index();
  if (static_cast<std::uint64_t>(size) > (bytes_.size() - position_) / sizeof(double))
    fail("a vector of " + std::to_string(size) + " values, " + std::to_string(bytes_.size() - position_) + " bytes left");
  Vector v(size);
  const std::string_view data = take(sizeof(double) * static_cast<std::size_t>(size), "a vector");
  if (size > 0) std::memcpy(v.data(), data.data(), data.size());
  return v;
}

Matrix StateReader::get_matrix() {
  const Index rows = get_index(), cols = get_index();
  const std::uint64_t left = (bytes_.size() - position_) / sizeof(double);
  if (cols != 0 && static_cast<std::uint64_t>(rows) > left / static_cast<std::uint64_t>(cols))
    fail("a " + std::to_string(rows) + " x " + std::to_string(cols) + " matrix, " +
         std::to_string(bytes_.size() - position_) + " bytes left");
  Matrix m(rows, cols);
  const std::string_view data = take(sizeof(double) * static_cast<std::size_t>(rows * cols), "a matrix");
  if (m.size() > 0) std::memcpy(m.data(), data.data(), data.size());
  return m;
}

}  // namespace snnsense
