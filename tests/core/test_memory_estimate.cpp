#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "input_error_message.hpp"
#include "snnsense/core/memory_estimate.hpp"

using namespace snnsense;

TEST(MemoryEstimate, TotalsItsPartsAndNamesTheLargestFirst) {
  MemoryEstimate memory;
  memory.add_doubles("small", 1e6).add_doubles("large", 3e9).add_doubles("tiny", 10.0);
  MemoryEstimate other;
  other.add_doubles("middle", 5e8);
  memory.add(other);
  EXPECT_DOUBLE_EQ(memory.total_bytes(), 8.0 * (1e6 + 3e9 + 10.0 + 5e8));
  // Parts under 1% of the total are left out of the line.
  EXPECT_EQ(memory.breakdown(), "large 24 GB, middle 4 GB");
}

TEST(MemoryEstimate, TheAvailableMemoryIsPositiveAndZeroMeansIt) {
  const double available = available_memory_bytes();
  EXPECT_GT(available, 0.0);
  EXPECT_DOUBLE_EQ(memory_limit_bytes(1.5), 1.5e9);
  // MemAvailable moves between two reads; both are of the same order.
  EXPECT_NEAR(memory_limit_bytes(0.0), available, 0.5 * available);
}

TEST(MemoryEstimate, ARunAboveTheLimitIsRefusedWithItsSizeAndTheWayOut) {
  MemoryEstimate memory;
  memory.add_doubles("tape", 2.5e8);  // 2 GB
  EXPECT_NO_THROW(check_memory(memory, 3.0, "training", "use less"));
  const std::string message = check::input_error_message([&] { check_memory(memory, 1.0, "training", "use less"); });
  EXPECT_EQ(message,
            "training needs about 2 GB (tape 2 GB), more than the --max-memory limit of 1 GB; use less, or raise "
            "--max-memory GB");
}

TEST(MemoryEstimate, MaxMemoryIsZeroOrAPositiveNumber) {
  EXPECT_NO_THROW(validate_max_memory(0.0));
  EXPECT_NO_THROW(validate_max_memory(0.25));
  for (double bad : {-1.0, std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::infinity()})
    EXPECT_NE(check::input_error_message([&] { validate_max_memory(bad); }).find("--max-memory: must be"),
              std::string::npos);
}
