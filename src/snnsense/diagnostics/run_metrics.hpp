#pragma once
// Everything the trace and the summary report about an iterate X, computed in one place.
#include <nlohmann/json.hpp>
#include <optional>

#include "snnsense/diagnostics/spectrum_metrics.hpp"
#include "snnsense/models/estimate.hpp"
#include "snnsense/problems/problem.hpp"

namespace snnsense {

struct RunMetrics {
  double train_loss = 0.0;
  std::optional<double> test_loss;          // when the problem has test measurements
  std::optional<double> relative_error;     // when X* is known
  std::optional<double> psnr;               // image problems
  std::optional<double> off_diagonal_mass;  // well-specified problems
  // Completion problems: the errors of the predicted entries, in the data's units (test ones when
  // entries are held out).
  std::optional<double> train_rmse;
  std::optional<double> train_mae;
  std::optional<double> test_rmse;
  std::optional<double> test_mae;
  SpectrumMetrics spectrum;

  nlohmann::json to_json() const;  // without the singular values
};

// Every metric from the estimate's own answers (entries, singular values, distances), so an
// estimate that is never formed densely is measured exactly like a dense one.
RunMetrics evaluate(const Problem& problem, const Estimate& X);

}  // namespace snnsense
