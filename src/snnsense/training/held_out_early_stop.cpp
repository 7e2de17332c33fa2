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

void HeldOutEarlyStop::save_state(StateWriter& out) const {
  out.put_index(stalled_);
  out.put_index(last_checked_ + 1);
  out.put_bool(best_.has_value());
  if (!best_) return;
  out.put_index(best_->iteration);
  out.put_double(best_->test_loss);
  out.put_vector(best_->params);
}

void HeldOutEarlyStop::restore_state(StateReader& in) {
  stalled_ = in.get_index();
  last_checked_ = in.get_index() - 1;
  best_.reset();
  if (!in.get_bool()) return;
  Best best;
  best.iteration = in.get_index();
  best.test_loss = in.get_double();
  best.params = in.get_vector();
  best_ = std::move(best);
}

void HeldOutEarlyStop::on_end(const IterationState& last, StopReason) {
  if (last.iteration != last_checked_) check(last);
}

}  // namespace snnsense
