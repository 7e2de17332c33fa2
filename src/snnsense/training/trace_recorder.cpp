#include "snnsense/training/trace_recorder.hpp"

namespace snnsense {

Index default_trace_every(Index iterations) { return std::max<Index>(1, iterations / 100); }

void TraceRecorder::on_begin(const IterationState&) { trace_.rows.clear(); }

std::optional<StopReason> TraceRecorder::on_iteration(const IterationState& state) {
  if (state.iteration % every_ == 0) record(state);
  return std::nullopt;
}

void TraceRecorder::on_end(const IterationState& last, StopReason) {
  if (!last.estimate) return;
  // Drop samples past the reported iterate (after divergence they may hold non-finite values).
  while (!trace_.rows.empty() && trace_.rows.back().iteration >= last.iteration) trace_.rows.pop_back();
  record(last);
}

void TraceRecorder::record(const IterationState& state) {
  if (!state.estimate || !state.estimate->all_finite()) return;
  trace_.rows.push_back({state.iteration, state.elapsed_seconds, state.step_size, state.gradient_norm,
                         evaluate(problem_, *state.estimate)});
}

}  // namespace snnsense
