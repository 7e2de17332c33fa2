#include "snnsense/diagnostics/reconstruction_metrics.hpp"

#include <cmath>
#include <span>

#include "snnsense/diagnostics/estimate_measurements.hpp"

namespace snnsense {

namespace {

// 1/(2m) ||r||^2 over every part of the operator's measurements (r is this process's part).
double half_mean_square(const MeasurementOperator& op, const Vector& r) {
  double squares = r.squaredNorm();
  op.sum_over_parts(std::span<double>(&squares, 1));
  return 0.5 * squares / static_cast<double>(op.total_measurements());
}

ResidualSummary summary_of_sums(double squares, double absolutes, double m) {
  return {0.5 * squares / m, std::sqrt(squares / m), absolutes / m};
}

}  // namespace

double sensing_loss(const MeasurementOperator& op, const Vector& y, const Matrix& X) {
  if (op.total_measurements() == 0) return 0.0;
  return half_mean_square(op, op.apply(X) - y);
}

// For a dense estimate measure() is op.apply(X), and the distances and norms below are Eigen's
// squaredNorm of the same differences: the same numbers as the Matrix overloads, bit for bit.
double sensing_loss(const MeasurementOperator& op, const Vector& y, const Estimate& X) {
  if (op.total_measurements() == 0) return 0.0;
  return half_mean_square(op, measure(op, X) - y);
}

ResidualSummary residual_summary(const MeasurementOperator& op, const Vector& y, const Estimate& X) {
  if (op.total_measurements() == 0) return {};
  const Vector r = measure(op, X) - y;
  double sums[2] = {r.squaredNorm(), r.cwiseAbs().sum()};
  op.sum_over_parts(sums);
  return summary_of_sums(sums[0], sums[1], static_cast<double>(op.total_measurements()));
}

ResidualSummary summarize_residual(const Vector& r) {
  if (r.size() == 0) return {};
  return summary_of_sums(r.squaredNorm(), r.cwiseAbs().sum(), static_cast<double>(r.size()));
}

double relative_error(const Matrix& X, const Matrix& x_true) { return (X - x_true).norm() / x_true.norm(); }

double relative_error(const Estimate& X, const Matrix& x_true) {
  return std::sqrt(X.squared_distance(x_true)) / x_true.norm();
}

double relative_error(const Estimate& X, const LowRankFactors& x_true) {
  return std::sqrt(X.squared_distance(x_true) / x_true.squared_norm());
}

double psnr(const Matrix& X, const Matrix& x_true, double pixel_scale) {
  const double mse = (pixel_scale * (X - x_true)).squaredNorm() / static_cast<double>(X.size());
  return 20.0 * std::log10(255.0 / std::sqrt(mse));
}

double psnr(const Estimate& X, const Matrix& x_true, double pixel_scale) {
  if (const Matrix* dense = X.dense_form()) return psnr(*dense, x_true, pixel_scale);
  const double mse = pixel_scale * pixel_scale * X.squared_distance(x_true) / static_cast<double>(x_true.size());
  return 20.0 * std::log10(255.0 / std::sqrt(mse));
}

double off_diagonal_mass(const Matrix& X, const SpectralBasis& basis) {
  Matrix inner = basis.phi.transpose() * X * basis.psi;
  inner.diagonal().setZero();
  const double norm = X.norm();
  return norm > 0.0 ? inner.norm() / norm : 0.0;
}

double off_diagonal_mass(const Estimate& X, const SpectralBasis& basis) {
  Matrix inner = X.in_basis(basis.phi, basis.psi);
  inner.diagonal().setZero();
  const double norm = std::sqrt(X.squared_norm());
  return norm > 0.0 ? inner.norm() / norm : 0.0;
}

}  // namespace snnsense
