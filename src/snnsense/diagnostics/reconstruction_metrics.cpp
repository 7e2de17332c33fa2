#include "snnsense/diagnostics/reconstruction_metrics.hpp"

#include <cmath>

namespace snnsense {

double sensing_loss(const MeasurementOperator& op, const Vector& y, const Matrix& X) {
  if (op.measurements() == 0) return 0.0;
  return 0.5 * (op.apply(X) - y).squaredNorm() / static_cast<double>(op.measurements());
}

double relative_error(const Matrix& X, const Matrix& x_true) { return (X - x_true).norm() / x_true.norm(); }

double psnr(const Matrix& X, const Matrix& x_true, double pixel_scale) {
  const double mse = (pixel_scale * (X - x_true)).squaredNorm() / static_cast<double>(X.size());
  return 20.0 * std::log10(255.0 / std::sqrt(mse));
}

double off_diagonal_mass(const Matrix& X, const SpectralBasis& basis) {
  Matrix inner = basis.phi.transpose() * X * basis.psi;
  inner.diagonal().setZero();
  const double norm = X.norm();
  return norm > 0.0 ? inner.norm() / norm : 0.0;
}

}  // namespace snnsense
