#pragma once
#include "snnsense/problems/problem.hpp"
#include "snnsense/training/callback.hpp"
#include "snnsense/training/trace.hpp"

namespace snnsense {

// Records the run's metrics every `every` iterations and at the reported final iterate.
class TraceRecorder : public Callback {
 public:
  TraceRecorder(const Problem& problem, Index every) : problem_(problem), every_(every < 1 ? 1 : every) {}

  void on_begin(const IterationState& state) override;
  std::optional<StopReason> on_iteration(const IterationState& state) override;
  void on_end(const IterationState& last, StopReason reason) override;
  void save_state(StateWriter& out) const override { trace_.save(out); }
  void restore_state(StateReader& in) override { trace_ = Trace::restore(in); }

  const Trace& trace() const { return trace_; }
  Trace take() { return std::move(trace_); }

 private:
  void record(const IterationState& state);

  const Problem& problem_;
  Index every_;
  Trace trace_;
};

// The paper's sampling: every iterations/100 steps (at least every step).
Index default_trace_every(Index iterations);

}  // namespace snnsense
