#pragma once
// The reference code's step-size selection: try a grid from large to small, skip candidates
// that diverge, and keep the lowest final training loss among the first few that succeed.
#include <functional>
#include <nlohmann/json.hpp>
#include <vector>

#include "snnsense/training/trace.hpp"
#include "snnsense/training/trainer.hpp"

namespace snnsense {

struct StepSizeSearchOptions {
  std::vector<double> grid = paper_grid();
  // Candidates after the first `successes` that finish are not tried ("among the first few").
  Index successes = 3;
  // Iterations per candidate; 0 runs each for the full budget (the paper's way).
  Index probe_iterations = 0;

  // {5, 1} x 10^k for k = 1 down to -11, from large to small.
  static std::vector<double> paper_grid();
  void validate() const;
};

struct StepSizeCandidate {
  double lr = 0.0;
  StopReason reason = StopReason::max_iterations;
  Index iterations = 0;
  double final_loss = 0.0;
  double seconds = 0.0;
};

struct StepSizeSearchResult {
  std::vector<StepSizeCandidate> candidates;
  std::optional<std::size_t> best;  // index into candidates; empty when every candidate diverged
  TrainResult run;                  // the winning run at the full budget
  Trace trace;

  // The step size of `run`: the winner's, or that of the candidate that was running when the
  // search was interrupted; none when every candidate diverged.
  std::optional<double> step_size() const;
  nlohmann::json to_json() const;
};

// `callbacks` (progress, interruption) are attached to every candidate run; a trace is recorded
// every `trace_every` iterations for the winner. An interrupted candidate ends the search.
StepSizeSearchResult search_step_size(const Model& model, const Problem& problem, const TrainOptions& options,
                                      const Vector& initial, const StepSizeSearchOptions& search, Index trace_every,
                                      const std::vector<Callback*>& callbacks = {});

}  // namespace snnsense
