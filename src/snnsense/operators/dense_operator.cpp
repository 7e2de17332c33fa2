#include "snnsense/operators/dense_operator.hpp"

#include <string>
#include <utility>

#include "snnsense/core/error.hpp"
#include "snnsense/operators/argument_checks.hpp"

namespace snnsense {

DenseOperator::DenseOperator(RowMatrix A, Index n1, Index n2) : A_(std::move(A)), n1_(n1), n2_(n2) {
  check_matrix_shape(n1_, n2_);
  if (A_.cols() != n1_ * n2_)
    throw InputError("dense operator has " + std::to_string(A_.cols()) + " columns, expected n1*n2 = " +
                     std::to_string(n1_ * n2_));
}

Vector DenseOperator::apply(const Matrix& X) const {
  check_apply_argument(*this, X);
  // A row-major copy of X is vec(X) in C order.
  const RowMatrix row_major = X;
  return A_ * Eigen::Map<const Vector>(row_major.data(), row_major.size());
}

Matrix DenseOperator::adjoint(const Vector& r) const {
  check_adjoint_argument(*this, r);
  const Vector flat = A_.transpose() * r;
  return Eigen::Map<const RowMatrix>(flat.data(), n1_, n2_);
}

OperatorPtr DenseOperator::subset(std::span<const Index> indices) const {
  check_measurement_indices(indices, measurements());
  return std::make_shared<DenseOperator>(A_(indices, Eigen::all), n1_, n2_);
}

}  // namespace snnsense
