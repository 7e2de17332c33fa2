#pragma once
// Whether a run was still making progress when it ended. A run that cycles between states (gradient
// descent at a step size just past the stability limit of a factorised model) or that never lowers
// its loss ends at "max_iterations" like a converged one, and its final values are whichever state
// the last step hit; the trend says so, and the step-size search ranks such runs last.
#include <array>
#include <deque>
#include <span>
#include <string>

#include "snnsense/core/enum_names.hpp"
#include "snnsense/training/callback.hpp"

namespace snnsense {

enum class LossTrend {
  decreasing,   // the loss went down over the run and does not cycle at its end
  oscillating,  // over the last quarter the loss alternates up and down without shrinking
  stalled,      // the loss at the end is not below the initial loss
};

template <>
struct EnumNames<LossTrend> {
  static constexpr std::array<std::pair<LossTrend, std::string_view>, 3> table{
      {{LossTrend::decreasing, "decreasing"}, {LossTrend::oscillating, "oscillating"}, {LossTrend::stalled, "stalled"}}};
};

// What holds for each trend, judged on the run's losses (one per iteration, the final one last):
//  - oscillating: over the last quarter of the run (at least 8, at most 4096 losses), successive
//    changes alternate in sign at least 80% of the time, the spread is above 0.1% of the largest loss
//    there, and neither the largest nor the smallest loss of its second half improved on its first
//    half by 1% (a damped oscillation that still converges does);
//  - stalled: the final loss is above (1 - 1e-3) x the initial loss;
//  - decreasing: otherwise, for runs too short to judge, and for runs stopped by a tolerance.
LossTrend classify_loss_trend(std::span<const double> losses);

// Records the loss of every iteration and classifies it when the run ends.
class LossTrendMonitor : public Callback {
 public:
  void on_begin(const IterationState& initial) override;
  std::optional<StopReason> on_iteration(const IterationState& state) override;
  void on_end(const IterationState& last, StopReason reason) override;
  void save_state(StateWriter& out) const override;
  void restore_state(StateReader& in) override;
  LossTrend trend() const { return trend_; }

 private:
  void record(double loss);

  double initial_ = 0.0;
  std::size_t count_ = 0;
  std::deque<double> recent_;  // the last (at most 4096) losses
  LossTrend trend_ = LossTrend::decreasing;
};

}  // namespace snnsense
