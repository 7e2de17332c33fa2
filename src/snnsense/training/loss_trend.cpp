#include "snnsense/training/loss_trend.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

namespace snnsense {

namespace {

constexpr std::size_t kMinWindow = 8;
constexpr std::size_t kMaxWindow = 4096;
constexpr double kAlternatingShare = 0.8;
constexpr double kMinSpread = 1e-3;
constexpr double kEnvelopeGain = 0.01;
constexpr double kStallTolerance = 1e-3;

bool oscillates(std::span<const double> tail) {
  std::size_t changes = 0, alternations = 0;
  double previous = 0.0;
  for (std::size_t k = 1; k < tail.size(); ++k) {
    const double change = tail[k] - tail[k - 1];
    if (change == 0.0) continue;
    if (changes > 0 && (change > 0.0) != (previous > 0.0)) ++alternations;
    previous = change;
    ++changes;
  }
  if (changes < kMinWindow - 1 || static_cast<double>(alternations) < kAlternatingShare * static_cast<double>(changes - 1))
    return false;
  const auto [low, high] = std::minmax_element(tail.begin(), tail.end());
  if (!(*high - *low > kMinSpread * std::abs(*high))) return false;
  // A damped oscillation that still converges lowers its upper (and lower) envelope.
  const auto first = tail.first(tail.size() / 2), second = tail.subspan(tail.size() / 2);
  const auto [low1, high1] = std::minmax_element(first.begin(), first.end());
  const auto [low2, high2] = std::minmax_element(second.begin(), second.end());
  const bool top_improved = *high2 < *high1 - kEnvelopeGain * std::abs(*high1);
  const bool bottom_improved = *low2 < *low1 - kEnvelopeGain * std::abs(*low1);
  return !top_improved && !bottom_improved;
}

std::size_t trend_window(std::size_t count) { return std::min(kMaxWindow, std::max(kMinWindow, count / 4)); }

LossTrend classify(double initial, std::span<const double> recent, std::size_t count) {
  if (count < kMinWindow) return LossTrend::decreasing;
  if (oscillates(recent.last(trend_window(count)))) return LossTrend::oscillating;
  if (recent.back() > (1.0 - kStallTolerance) * initial) return LossTrend::stalled;
  return LossTrend::decreasing;
}

}  // namespace

LossTrend classify_loss_trend(std::span<const double> losses) {
  if (losses.empty()) return LossTrend::decreasing;
  return classify(losses.front(), losses, losses.size());
}

void LossTrendMonitor::on_begin(const IterationState& initial) {
  initial_ = initial.loss;
  count_ = 0;
  recent_.clear();
}

std::optional<StopReason> LossTrendMonitor::on_iteration(const IterationState& state) {
  record(state.loss);
  return std::nullopt;
}

void LossTrendMonitor::record(double loss) {
  ++count_;
  recent_.push_back(loss);
  if (recent_.size() > kMaxWindow) recent_.pop_front();
}

void LossTrendMonitor::save_state(StateWriter& out) const {
  out.put_double(initial_);
  out.put_index(static_cast<Index>(count_));
  out.put_vector(Eigen::Map<const Vector>(std::vector<double>(recent_.begin(), recent_.end()).data(),
                                          static_cast<Index>(recent_.size())));
}

void LossTrendMonitor::restore_state(StateReader& in) {
  initial_ = in.get_double();
  count_ = static_cast<std::size_t>(in.get_index());
  const Vector recent = in.get_vector();
  if (static_cast<std::size_t>(recent.size()) > kMaxWindow) in.fail("a loss history longer than its window");
  recent_.assign(recent.data(), recent.data() + recent.size());
}

void LossTrendMonitor::on_end(const IterationState& last, StopReason reason) {
  if (reason == StopReason::loss_tolerance || reason == StopReason::gradient_tolerance) {
    trend_ = LossTrend::decreasing;  // it reached what it was asked to
    return;
  }
  // The final evaluation (after the last step) is not passed to on_iteration.
  if (reason == StopReason::max_iterations) record(last.loss);
  const std::vector<double> recent(recent_.begin(), recent_.end());
  trend_ = classify(initial_, recent, count_);
}

}  // namespace snnsense
