#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "snnsense/training/loss_trend.hpp"

using namespace snnsense;

namespace {

// A run that falls from 10 to a period-2 cycle between `high` and `low`, as DF at lr 0.01 on the
// paper's Figure 2 problem does (3.29 <-> 1.68).
std::vector<double> falls_into_cycle(Index steps, double high, double low) {
  std::vector<double> losses;
  for (Index t = 0; t < steps / 10; ++t) losses.push_back(10.0 - t * (10.0 - high) / static_cast<double>(steps / 10));
  while (static_cast<Index>(losses.size()) < steps) losses.push_back(losses.size() % 2 ? high : low);
  return losses;
}

}  // namespace

TEST(LossTrend, ACycleBetweenTwoStatesIsOscillating) {
  EXPECT_EQ(classify_loss_trend(falls_into_cycle(500, 3.29, 1.68)), LossTrend::oscillating);
  EXPECT_EQ(classify_loss_trend(falls_into_cycle(20000, 3.29, 1.68)), LossTrend::oscillating);
}

TEST(LossTrend, ADampedOscillationThatConvergesIsDecreasing) {
  std::vector<double> losses;
  for (int t = 0; t < 400; ++t) losses.push_back(1.0 + std::pow(0.98, t) * (t % 2 ? 0.5 : -0.5) + std::pow(0.99, t));
  EXPECT_EQ(classify_loss_trend(losses), LossTrend::decreasing);
}

TEST(LossTrend, RoundOffFlickerAtTheFloorIsNotAnOscillation) {
  std::vector<double> losses;
  for (int t = 0; t < 400; ++t) losses.push_back(1e-3 + 10.0 * std::exp(-0.1 * t) + (t % 2 ? 1e-12 : -1e-12));
  EXPECT_EQ(classify_loss_trend(losses), LossTrend::decreasing);
}

TEST(LossTrend, NoDecreaseOverTheRunIsStalled) {
  EXPECT_EQ(classify_loss_trend(std::vector<double>(100, 2.5)), LossTrend::stalled);
  std::vector<double> rising;
  for (int t = 0; t < 100; ++t) rising.push_back(1.0 + 1e-3 * t);
  EXPECT_EQ(classify_loss_trend(rising), LossTrend::stalled);
}

TEST(LossTrend, MonotoneDecreaseAndShortRunsAreDecreasing) {
  std::vector<double> losses;
  for (int t = 0; t < 100; ++t) losses.push_back(1.0 / (1.0 + t));
  EXPECT_EQ(classify_loss_trend(losses), LossTrend::decreasing);
  EXPECT_EQ(classify_loss_trend(std::vector<double>{1.0, 2.0, 1.0}), LossTrend::decreasing);
  EXPECT_EQ(to_string(LossTrend::oscillating), "oscillating");
}

TEST(LossTrend, MonitorClassifiesTheLossesItSaw) {
  LossTrendMonitor monitor;
  const std::vector<double> losses = falls_into_cycle(300, 3.0, 1.5);
  IterationState state;
  state.max_iterations = 299;
  state.loss = losses[0];
  monitor.on_begin(state);
  for (std::size_t t = 0; t + 1 < losses.size(); ++t) {
    state.loss = losses[t];
    EXPECT_FALSE(monitor.on_iteration(state).has_value());
  }
  state.loss = losses.back();
  monitor.on_end(state, StopReason::max_iterations);
  EXPECT_EQ(monitor.trend(), LossTrend::oscillating);
  monitor.on_end(state, StopReason::gradient_tolerance);  // asked to stop: converged by definition
  EXPECT_EQ(monitor.trend(), LossTrend::decreasing);
}
