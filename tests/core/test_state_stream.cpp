// A checkpoint's state stream: what is written is read back with the same bits, and a stream cut
// short or read past its contents is refused with one FileError naming its source.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <functional>
#include <limits>

#include "snnsense/core/error.hpp"
#include "snnsense/core/state_stream.hpp"

using namespace snnsense;

namespace {

std::string file_error_message(const std::function<void()>& action) {
  try {
    action();
  } catch (const FileError& e) {
    return e.what();
  }
  return "no FileError";
}

bool same_bits(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; }

}  // namespace

TEST(StateStream, RoundTripKeepsEveryBit) {
  Matrix m(2, 3);
  m << 1.0 / 3.0, -0.0, std::numeric_limits<double>::denorm_min(), 1e308, -2.5, std::nextafter(1.0, 2.0);
  const Vector v = Vector::LinSpaced(5, 0.1, 0.9);
  StateWriter out;
  out.put_u64(7);
  out.put_index(123456789);
  out.put_double(std::numeric_limits<double>::quiet_NaN());
  out.put_bool(true);
  out.put_string(std::string("a\0b", 3));
  out.put_vector(v);
  out.put_matrix(m);
  out.put_matrix(Matrix(0, 4));

  StateReader in(out.bytes(), "state");
  EXPECT_EQ(in.get_u64(), 7u);
  EXPECT_EQ(in.get_index(), 123456789);
  EXPECT_TRUE(std::isnan(in.get_double()));
  EXPECT_TRUE(in.get_bool());
  EXPECT_EQ(in.get_string(), std::string("a\0b", 3));
  const Vector v2 = in.get_vector();
  ASSERT_EQ(v2.size(), v.size());
  for (Index i = 0; i < v.size(); ++i) EXPECT_TRUE(same_bits(v(i), v2(i)));
  const Matrix m2 = in.get_matrix();
  ASSERT_EQ(m2.rows(), 2);
  ASSERT_EQ(m2.cols(), 3);
  for (Index i = 0; i < m.size(); ++i) EXPECT_TRUE(same_bits(m.data()[i], m2.data()[i])) << i;
  EXPECT_EQ(in.get_matrix().cols(), 4);
  EXPECT_TRUE(in.at_end());
  in.expect_end();
}

TEST(StateStream, EveryTruncationIsRefusedNamingTheSource) {
  StateWriter out;
  out.put_vector(Vector::Ones(4));
  out.put_matrix(Matrix::Ones(2, 2));
  const std::string bytes = out.bytes();
  for (std::size_t size = 0; size < bytes.size(); ++size) {
    const std::string cut = bytes.substr(0, size);
    const std::string message = file_error_message([&] {
      StateReader in(cut, "run.checkpoint");
      in.get_vector();
      in.get_matrix();
    });
    EXPECT_EQ(message.rfind("run.checkpoint: malformed checkpoint (", 0), 0u) << size << ": " << message;
  }
}

TEST(StateStream, AnnouncedSizesBeyondTheBytesAreRefusedBeforeAllocating) {
  StateWriter out;
  out.put_index(Index{1} << 40);  // rows
  out.put_index(Index{1} << 20);  // cols: 2^60 doubles announced in 16 bytes
  const std::string bytes = out.bytes();
  StateReader in(bytes, "state");
  EXPECT_NE(file_error_message([&] { in.get_matrix(); }).find("matrix"), std::string::npos);

  StateWriter huge;
  huge.put_u64(~std::uint64_t{0});
  StateReader count(huge.bytes(), "state");
  EXPECT_NE(file_error_message([&] { count.get_vector(); }).find("a count of"), std::string::npos);
}

TEST(StateStream, LeftoverBytesAndUnknownEnumValuesAreRefused) {
  StateWriter out;
  out.put_u64(2);
  out.put_u64(99);
  StateReader in(out.bytes(), "state");
  EXPECT_NE(file_error_message([&] { in.get_bool(); }).find("a flag of 2"), std::string::npos);
  EXPECT_NE(file_error_message([&] { in.expect_end(); }).find("8 bytes left over"), std::string::npos);
}
