#include "snnsense/diagnostics/run_metrics.hpp"

#include "snnsense/diagnostics/reconstruction_metrics.hpp"

namespace snnsense {

RunMetrics evaluate(const Problem& problem, const Estimate& X) {
  RunMetrics m;
  const bool completion = problem.operator_kind() == OperatorKind::completion;
  const ResidualSummary train = residual_summary(*problem.train_operator, problem.train_y, X);
  m.train_loss = train.loss;
  if (completion) {
    m.train_rmse = train.rmse;
    m.train_mae = train.mae;
  }
  if (problem.test_count() > 0) {
    const ResidualSummary test = residual_summary(*problem.test_operator, problem.test_y, X);
    m.test_loss = test.loss;
    if (completion) {
      m.test_rmse = test.rmse;
      m.test_mae = test.mae;
    }
  }
  if (problem.x_true) {
    m.relative_error = relative_error(X, *problem.x_true);
    if (problem.is_image()) m.psnr = psnr(X, *problem.x_true, problem.pixel_scale);
  } else if (problem.x_true_factors) {
    m.relative_error = relative_error(X, *problem.x_true_factors);
  }
  if (problem.basis) m.off_diagonal_mass = off_diagonal_mass(X, *problem.basis);
  m.spectrum = spectrum_from_singular_values(X.singular_values());
  return m;
}

nlohmann::json RunMetrics::to_json() const {
  auto optional = [](const std::optional<double>& v) { return v ? nlohmann::json(*v) : nlohmann::json(nullptr); };
  const Vector& s = spectrum.singular_values;
  return {
      {"train_loss", train_loss},
      {"test_loss", optional(test_loss)},
      {"relative_error", optional(relative_error)},
      {"psnr", optional(psnr)},
      {"off_diagonal_mass", optional(off_diagonal_mass)},
      {"train_rmse", optional(train_rmse)},
      {"train_mae", optional(train_mae)},
      {"test_rmse", optional(test_rmse)},
      {"test_mae", optional(test_mae)},
      {"nuclear_norm", spectrum.nuclear_norm},
      {"effective_rank", spectrum.effective_rank},
      {"rank", spectrum.rank},
      {"sigma_max", s.size() ? s(0) : 0.0},
      {"sigma_min", s.size() ? s(s.size() - 1) : 0.0},
  };
}

}  // namespace snnsense
