#include "snnsense/operators/spectral_operator.hpp"

#include <string>
#include <utility>

#include "snnsense/core/error.hpp"
#include "snnsense/operators/argument_checks.hpp"

namespace snnsense {

SpectralOperator::SpectralOperator(Matrix phi, Matrix psi, Matrix coefficients)
    : phi_(std::move(phi)), psi_(std::move(psi)), coefficients_(std::move(coefficients)) {
  check_matrix_shape(phi_.rows(), psi_.rows());
  if (psi_.cols() != phi_.cols() || coefficients_.cols() != phi_.cols())
    throw InputError("spectral operator needs phi, psi and coefficients with equal column counts, got " +
                     std::to_string(phi_.cols()) + ", " + std::to_string(psi_.cols()) + " and " +
                     std::to_string(coefficients_.cols()));
}

Vector SpectralOperator::apply(const Matrix& X) const {
  check_apply_argument(*this, X);
  // diag(Phi^T X Psi)_j = (Phi^T X).row(j) . Psi.col(j): the k diagonal entries without the k x k product.
  const Vector diagonal = (phi_.transpose() * X).cwiseProduct(psi_.transpose()).rowwise().sum();
  return coefficients_ * diagonal;
}

Matrix SpectralOperator::adjoint(const Vector& r) const {
  check_adjoint_argument(*this, r);
  // sum_i r_i Phi diag(a_i) Psi^T = Phi diag(a^T r) Psi^T.
  const Vector weights = coefficients_.transpose() * r;
  return phi_ * weights.asDiagonal() * psi_.transpose();
}

OperatorPtr SpectralOperator::subset(std::span<const Index> indices) const {
  check_measurement_indices(indices, measurements());
  return std::make_shared<SpectralOperator>(phi_, psi_, coefficients_(indices, Eigen::all));
}

}  // namespace snnsense
