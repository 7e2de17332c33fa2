#pragma once
// One method on one problem, as compare, the sweeps and the reproductions run it: a trained model
// (its TrainingJob) or the convex reference (its SolveOptions), and the run files it produces.
#include <atomic>
#include <optional>
#include <string>
#include <vector>

#include "snnsense/convex/solve_options.hpp"
#include "snnsense/convex/solve_result.hpp"
#include "snnsense/training/training_job.hpp"

namespace snnsense {

struct MethodRun {
  std::string name;                   // its run directory, relative ("snn", "seed-0/scale-0.01")
  const Problem* problem = nullptr;
  std::string problem_path;           // recorded as config.json's "problem"
  std::optional<TrainingJob> job;     // a trained model,
  std::optional<SolveOptions> solve;  // or the convex reference
  std::string label;                  // how the log names the method ("" for none)
};

struct MethodOutcome {
  RunFiles files;  // ready to save, config.json's "problem" included
  // Why the trained model stopped, or how the convex solve ended (the other one empty).
  std::optional<StopReason> stop;
  std::optional<SolveStatus> solved;
  std::optional<double> lr;  // a trained model's step size

  bool interrupted() const { return stop == StopReason::interrupted || solved == SolveStatus::interrupted; }
};

// Trains the job with `callbacks`, or solves with `interrupt` (when the solve options name none).
MethodOutcome run_method(const MethodRun& run, const std::vector<Callback*>& callbacks = {},
                         const std::atomic<bool>* interrupt = nullptr);

}  // namespace snnsense
