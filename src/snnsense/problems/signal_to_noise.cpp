#include "snnsense/problems/signal_to_noise.hpp"

#include <cmath>
#include <limits>
#include <span>

namespace snnsense {

namespace {

// ||v||^2 over every part of op's measurements (v is this process's part).
double squared_norm_over_parts(const MeasurementOperator& op, const Vector& v) {
  double squares = v.squaredNorm();
  op.sum_over_parts(std::span<double>(&squares, 1));
  return squares;
}

// Sum of squares of the measurements of X* under both operators.
double clean_energy(const Problem& problem) {
  const auto measure = [&](const MeasurementOperator& op) {
    return problem.x_true ? op.apply(*problem.x_true)
                          : op.apply_factored(problem.x_true_factors->left, problem.x_true_factors->right);
  };
  double energy = squared_norm_over_parts(*problem.train_operator, measure(*problem.train_operator));
  if (problem.test_count() > 0)
    energy += squared_norm_over_parts(*problem.test_operator, measure(*problem.test_operator));
  return energy;
}

}  // namespace

double signal_to_noise_db(const Problem& problem) {
  if (problem.noise <= 0.0) return std::numeric_limits<double>::infinity();
  const double count = static_cast<double>(problem.train_count() + problem.test_count());
  double signal_power = 0.0;
  if (problem.has_truth()) {
    signal_power = clean_energy(problem) / count;
  } else {
    double y_energy = squared_norm_over_parts(*problem.train_operator, problem.train_y);
    if (problem.test_count() > 0) y_energy += squared_norm_over_parts(*problem.test_operator, problem.test_y);
    signal_power = y_energy / count - problem.noise * problem.noise;
  }
  if (!(signal_power > 0.0)) return std::numeric_limits<double>::quiet_NaN();
  return 10.0 * std::log10(signal_power / (problem.noise * problem.noise));
}

nlohmann::json signal_to_noise_json(const Problem& problem) {
  const double db = signal_to_noise_db(problem);
  return std::isfinite(db) ? nlohmann::json(db) : nlohmann::json(nullptr);
}

}  // namespace snnsense
