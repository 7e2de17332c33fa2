#include <gtest/gtest.h>

#include <limits>

#include "snnsense/problems/distinct_entries.hpp"

using namespace snnsense;

// Positions anywhere in the 64-bit range, as problem files from elsewhere may hold (they are
// range-checked after this scan): the hash wraps without undefined behaviour (the fuzzer found a
// signed overflow here; -DSNNSENSE_SANITIZE=ON turns it into a failure of this test).
TEST(DistinctEntries, ExtremePositionsAreHashedWithoutOverflow) {
  constexpr Index big = std::numeric_limits<Index>::max(), small = std::numeric_limits<Index>::min();
  IndexVector rows(5), cols(5);
  rows << 3, big, small, -7, 3;
  cols << 1, big, small, 2, 1;
  const auto repeat = first_duplicate_entry(rows, cols);
  ASSERT_TRUE(repeat.has_value());
  EXPECT_EQ(repeat->row, 3);
  EXPECT_EQ(repeat->col, 1);
  EXPECT_EQ(repeat->first, 0);
  EXPECT_EQ(repeat->second, 4);
  EXPECT_FALSE(first_duplicate_entry(rows.head(4), cols.head(4)).has_value());
}
