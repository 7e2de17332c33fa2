#include <gtest/gtest.h>

#include <limits>

#include "snnsense/problems/distinct_entries.hpp"

using namespace snnsense;

// Positions anywhere in the 64-bit range, as problem files from elsewhere may hold (they are
// range-checked after this scan): they are compared, never combined arithmetically, so no overflow
// (the fuzzer once found a signed overflow in a hash here; -DSNNSENSE_SANITIZE=ON turns one into a
// failure of this test).
TEST(DistinctEntries, ExtremePositionsAreComparedWithoutOverflow) {
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

// The repeat a scan in measurement order meets first, whatever order the positions sort in: the
// smallest second index, paired with that position's earliest measurement.
TEST(DistinctEntries, TheRepeatReportedIsTheFirstOneMetInMeasurementOrder) {
  IndexVector rows(8), cols(8);
  rows << 9, 1, 5, 9, 1, 5, 9, 1;
  cols << 9, 1, 5, 9, 0, 5, 9, 1;
  // (9, 9) at 0, 3, 6; (5, 5) at 2, 5; (1, 1) at 1, 7: the scan meets 3 first.
  auto repeat = first_duplicate_entry(rows, cols);
  ASSERT_TRUE(repeat.has_value());
  EXPECT_EQ(repeat->row, 9);
  EXPECT_EQ(repeat->col, 9);
  EXPECT_EQ(repeat->first, 0);
  EXPECT_EQ(repeat->second, 3);
  rows(3) = 4;  // (9, 9) now at 0 and 6: (5, 5) at 2 and 5 comes first
  repeat = first_duplicate_entry(rows, cols);
  ASSERT_TRUE(repeat.has_value());
  EXPECT_EQ(repeat->row, 5);
  EXPECT_EQ(repeat->first, 2);
  EXPECT_EQ(repeat->second, 5);
  EXPECT_FALSE(first_duplicate_entry(rows.head(5), cols.head(5)).has_value());
}
