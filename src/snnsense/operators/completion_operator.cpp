#include "snnsense/operators/completion_operator.hpp"

#include <string>
#include <utility>

#include "snnsense/core/error.hpp"
#include "snnsense/operators/argument_checks.hpp"

namespace snnsense {

namespace {

void check_entry_indices(const IndexVector& indices, Index bound, const std::string& what) {
  for (Index i = 0; i < indices.size(); ++i)
    if (indices(i) < 0 || indices(i) >= bound)
      throw InputError("completion " + what + " index " + std::to_string(indices(i)) + " of measurement " +
                       std::to_string(i) + " outside [0, " + std::to_string(bound) + ")");
}

}  // namespace

CompletionOperator::CompletionOperator(IndexVector row_indices, IndexVector col_indices, Index n1, Index n2)
    : row_indices_(std::move(row_indices)), col_indices_(std::move(col_indices)), n1_(n1), n2_(n2) {
  check_matrix_shape(n1_, n2_);
  if (row_indices_.size() != col_indices_.size())
    throw InputError("completion operator has " + std::to_string(row_indices_.size()) + " row indices but " +
                     std::to_string(col_indices_.size()) + " column indices");
  check_entry_indices(row_indices_, n1_, "row");
  check_entry_indices(col_indices_, n2_, "column");
}

Vector CompletionOperator::apply(const Matrix& X) const {
  check_apply_argument(*this, X);
  Vector y(measurements());
  for (Index i = 0; i < measurements(); ++i) y(i) = X(row_indices_(i), col_indices_(i));
  return y;
}

Matrix CompletionOperator::adjoint(const Vector& r) const {
  check_adjoint_argument(*this, r);
  Matrix result = Matrix::Zero(n1_, n2_);
  for (Index i = 0; i < measurements(); ++i) result(row_indices_(i), col_indices_(i)) += r(i);
  return result;
}

// The factored passes read and write whole rows of n x R factors, one per entry, in the entries'
// order. A column-major factor keeps a row's R values n doubles apart (R cache lines and, at
// n = 10^5, R pages per row); its transpose keeps them contiguous. The transposes cost O(n R),
// the passes O(|Omega| R).

Vector CompletionOperator::apply_factored(const Matrix& left, const Matrix& right) const {
  check_factor_arguments(*this, left, right);
  const Matrix left_rows = left.transpose(), right_rows = right.transpose();
  Vector y(measurements());
  for (Index i = 0; i < measurements(); ++i)
    y(i) = left_rows.col(row_indices_(i)).dot(right_rows.col(col_indices_(i)));
  return y;
}

Matrix CompletionOperator::adjoint_times(const Vector& r, const Matrix& Q) const {
  check_adjoint_argument(*this, r);
  check_basis_argument(Q, n2_, "Q");
  const Matrix q_rows = Q.transpose();
  Matrix out_rows = Matrix::Zero(Q.cols(), n1_);
  for (Index i = 0; i < measurements(); ++i) out_rows.col(row_indices_(i)) += r(i) * q_rows.col(col_indices_(i));
  return out_rows.transpose();
}

Matrix CompletionOperator::adjoint_transpose_times(const Vector& r, const Matrix& P) const {
  check_adjoint_argument(*this, r);
  check_basis_argument(P, n1_, "P");
  const Matrix p_rows = P.transpose();
  Matrix out_rows = Matrix::Zero(P.cols(), n2_);
  for (Index i = 0; i < measurements(); ++i) out_rows.col(col_indices_(i)) += r(i) * p_rows.col(row_indices_(i));
  return out_rows.transpose();
}

OperatorPtr CompletionOperator::subset(std::span<const Index> indices) const {
  check_measurement_indices(indices, measurements());
  return std::make_shared<CompletionOperator>(row_indices_(indices), col_indices_(indices), n1_, n2_);
}

}  // namespace snnsense
