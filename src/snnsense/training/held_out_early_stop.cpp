#include "snnsense/training/held_out_early_stop.hpp"

#include <cmath>

#include "snnsense/diagnostics/reconstruction_metrics.hpp"

namespace snnsense {

HeldOutEarlyStop::HeldOutEarlyStop(const MeasurementOperator& test_operator, const Vector& test_y, Index every,
                                   Index patience)
    : test_operator_(test_operator), test_y_(test_y), every_(every), patience_(patience) {}

void HeldOutEarlyStop::on_begin(const IterationState&) {
  stalled_ = 0;
  last_checked_ = -1;
  best_.reset();
}

bool HeldOutEarlyStop::check(const IterationState& state) {
  last_checked_ = state.iteration;
  if (!state.estimate || !state.params) return false;
  const double loss = sensing_loss(test_operator_, test_y_, *state.estimate);
  // A non-finite held-out loss is never best; the divergence guard judges the run itself.
  if (!std::isfinite(loss) || (best_ && loss >= best_->test_loss)) return false;
  best_ = Best{state.iteration, loss, *state.params};
  return true;
}

std::optional<StopReason> HeldOutEarlyStop::on_iteration(const IterationState& state) {
  if (state.iteration % every_ != 0) return std::nullopt;
  stalled_ = check(state) ? 0 : stalled_ + 1;
  if (stalled_ >= patience_) return StopReason::test_loss_stalled;
  return std::nullopt;
}

void HeldOutEarlyStop::on_end(const IterationState& last, StopReason) {
  if (last.iteration != last_checked_) check(last);
}

}  // namespace snnsense
