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

// The factored passes read and write whole rows of n x b factors, one per entry, in the entries'
// order. A column-major factor keeps a row's b values n doubles apart (b cache lines and, at
// n = 10^5, b pages per row); its transpose keeps them contiguous. The transposes cost O(n b),
// the passes O(|Omega| b). For a few columns (soft-impute's Lanczos multiplies single vectors)
// one pass per column over contiguous columns is cheaper than the transposes and a block per entry.

namespace {

constexpr Index kColumnPassWidth = 4;

// out(to_i, :) += r_i in(from_i, :) over the entries i, for out with `rows` rows.
Matrix scatter_rows(const IndexVector& to, const IndexVector& from, const Vector& r, const Matrix& in, Index rows) {
  if (in.cols() <= kColumnPassWidth) {
    Matrix out = Matrix::Zero(rows, in.cols());
    for (Index j = 0; j < in.cols(); ++j) {
      const double* x = in.col(j).data();
      double* y = out.col(j).data();
      for (Index i = 0; i < r.size(); ++i) y[to(i)] += r(i) * x[from(i)];
    }
    return out;
  }
  const Matrix in_rows = in.transpose();
  Matrix out_rows = Matrix::Zero(in.cols(), rows);
  for (Index i = 0; i < r.size(); ++i) out_rows.col(to(i)) += r(i) * in_rows.col(from(i));
  return out_rows.transpose();
}

}  // namespace

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
  return scatter_rows(row_indices_, col_indices_, r, Q, n1_);
}

Matrix CompletionOperator::adjoint_transpose_times(const Vector& r, const Matrix& P) const {
  check_adjoint_argument(*this, r);
  check_basis_argument(P, n1_, "P");
  return scatter_rows(col_indices_, row_indices_, r, P, n2_);
}

OperatorPtr CompletionOperator::subset(std::span<const Index> indices) const {
  check_measurement_indices(indices, measurements());
  return std::make_shared<CompletionOperator>(row_indices_(indices), col_indices_(indices), n1_, n2_);
}

}  // namespace snnsense
