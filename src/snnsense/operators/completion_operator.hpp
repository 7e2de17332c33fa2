#pragma once
// Matrix completion: A_i = e_{r_i} e_{c_i}^T observes the single entry X(r_i, c_i), so apply and
// adjoint cost O(1) per measurement. An entry may be observed more than once.
#include <mutex>

#include "snnsense/operators/entry_order.hpp"
#include "snnsense/operators/measurement_operator.hpp"

namespace snnsense {

class CompletionOperator final : public MeasurementOperator {
 public:
  CompletionOperator(IndexVector row_indices, IndexVector col_indices, Index n1, Index n2);

  OperatorKind kind() const override { return OperatorKind::completion; }
  Index measurements() const override { return row_indices_.size(); }
  Index rows() const override { return n1_; }
  Index cols() const override { return n2_; }

  Vector apply(const Matrix& X) const override;
  // Repeated entries accumulate: A*(r) at (r_i, c_i) is the sum of their residuals.
  Matrix adjoint(const Vector& r) const override;
  // O(m R): passes over the observed entries, never an n1 x n2 matrix. The adjoint products and
  // the factored residual walk the entries grouped by row (S Q) or by column (S^T P), each output
  // row summed by one task in the measurements' order: the same result for any `pool`.
  Vector apply_factored(const Matrix& left, const Matrix& right) const override;
  Matrix adjoint_times(const Vector& r, const Matrix& Q, ParallelFor* pool) const override;
  Matrix adjoint_transpose_times(const Vector& r, const Matrix& P, ParallelFor* pool) const override;
  // One pass by rows: each entry's prediction and the product with `right` read the same row of it.
  FactoredResidual factored_residual(const Matrix& left, const Matrix& right, const Vector& y, double divisor,
                                     ParallelFor* pool) const override;
  OperatorPtr subset(std::span<const Index> indices) const override;

  const IndexVector& row_indices() const { return row_indices_; }
  const IndexVector& col_indices() const { return col_indices_; }

 private:
  // The entries grouped by row and by column, built on first use (a problem's held-out operator or
  // an operator only applied to dense matrices never needs them).
  const EntryOrder& by_row() const;
  const EntryOrder& by_col() const;

  IndexVector row_indices_;
  IndexVector col_indices_;
  Index n1_;
  Index n2_;
  mutable std::once_flag by_row_built_, by_col_built_;
  mutable EntryOrder by_row_, by_col_;
};

}  // namespace snnsense
