// The rate of fig1's exponential convergence, measured above the least-squares floor.
#include <gtest/gtest.h>

#include <cmath>

#include "snnsense/experiments/analysis/excess_loss_rate.hpp"

using namespace snnsense;

namespace {

CsvTable trace_of(double floor, double amplitude, double rate, int samples, int every) {
  CsvTable t;
  t.names = {"iteration", "train_loss"};
  t.cells.resize(2);
  for (int k = 0; k < samples; ++k) {
    const double it = k * every;
    char text[64];
    std::snprintf(text, sizeof text, "%.10g", floor + amplitude * std::exp(-rate * it));  // as trace.csv prints
    t.cells[0].push_back(std::to_string(k * every));
    t.cells[1].push_back(text);
  }
  return t;
}

}  // namespace

TEST(ExcessLossRate, RecoversTheRateAboveTheFloor) {
  const double floor = 4.5e-5, rate = 5e-3;
  const auto fit = excess_loss_rate(trace_of(floor, 100.0, rate, 101, 100), floor);
  ASSERT_TRUE(fit.has_value());
  EXPECT_NEAR(fit->rate.slope, -rate, 1e-2 * rate);
  EXPECT_NEAR(fit->intercept, std::log(100.0), 0.1);
  EXPECT_GT(fit->rate.r_squared, 0.9999);
  EXPECT_EQ(fit->floor, floor);
  // Samples whose excess is lost in the 10 printed digits are left out: the fit ends before 10 000.
  EXPECT_LT(fit->rate.last_iteration, 10000);
  EXPECT_GT(fit->rate.first_iteration, 0);  // the last half of the usable samples only
}

TEST(ExcessLossRate, RawLossFlattensWhereTheExcessDoesNot) {
  const double floor = 1e-3;
  const CsvTable trace = trace_of(floor, 10.0, 2e-2, 101, 20);
  EXPECT_LT(excess_loss_rate(trace, floor)->rate.slope, -0.99 * 2e-2);
  const auto raw = fit_exponential_rate(trace.column("iteration"), trace.column("train_loss"));
  EXPECT_GT(raw.slope, -1e-6);
}

TEST(ExcessLossRate, EmptyWhenNothingLiesAboveTheFloor) {
  EXPECT_FALSE(excess_loss_rate(trace_of(1.0, 1e-12, 1e-2, 50, 10), 1.0).has_value());
  EXPECT_FALSE(excess_loss_rate(trace_of(0.0, 1.0, 1e-2, 2, 10), 0.0).has_value());
}
