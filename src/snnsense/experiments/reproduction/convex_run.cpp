#include "snnsense/experiments/reproduction/convex_run.hpp"

#include "snnsense/diagnostics/run_metrics.hpp"

namespace snnsense {

RunFiles convex_run_files(const Problem& problem, const SolveOptions& options, const SolveResult& result) {
  RunFiles files;
  files.config = options.to_json();
  files.config["method"] = to_string(result.method);  // what auto resolved to
  files.config["model"] = kConvexModel;
  files.config["version"] = SNNSENSE_VERSION;
  files.summary = result.to_json();
  files.summary["model"] = kConvexModel;
  files.estimate = std::make_shared<DenseEstimate>(result.X);
  files.summary["final"] = evaluate(problem, *files.estimate).to_json();
  files.dual = result.lambda;
  return files;
}

RunFiles soft_impute_run_files(const Problem& problem, const SoftImputeOptions& options,
                               const SoftImputeResult& result) {
  RunFiles files;
  files.config = options.to_json();
  files.config["model"] = kConvexModel;
  files.config["version"] = SNNSENSE_VERSION;
  files.summary = result.to_json();
  files.summary["model"] = kConvexModel;
  files.estimate = std::make_shared<FactoredEstimate>(result.estimate());
  files.summary["final"] = evaluate(problem, *files.estimate).to_json();
  return files;
}

}  // namespace snnsense
