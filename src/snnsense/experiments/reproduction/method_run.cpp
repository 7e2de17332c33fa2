#include "snnsense/experiments/reproduction/method_run.hpp"

#include "snnsense/experiments/reproduction/convex_run.hpp"

namespace snnsense {

MethodOutcome run_method(const MethodRun& run, const std::vector<Callback*>& callbacks,
                         const std::atomic<bool>* interrupt) {
  MethodOutcome out;
  if (run.solve) {
    SolveOptions options = *run.solve;
    if (!options.interrupt) options.interrupt = interrupt;
    const SolveResult solved = solve(*run.problem, options);
    out.solved = solved.status;
    out.files = convex_run_files(*run.problem, options, solved);
  } else {
    TrainingOutcome trained = run_training_job(*run.problem, *run.job, callbacks);
    out.stop = trained.result.reason;
    out.lr = trained.lr;
    out.files = std::move(trained.files);
  }
  out.files.config["problem"] = run.problem_path;
  return out;
}

}  // namespace snnsense
