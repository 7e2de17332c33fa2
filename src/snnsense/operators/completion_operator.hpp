#pragma once
// Matrix completion: A_i = e_{r_i} e_{c_i}^T observes the single entry X(r_i, c_i), so apply and
// adjoint cost O(1) per measurement. An entry may be observed more than once.
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
  // O(m R): one pass over the observed entries, never an n1 x n2 matrix.
  Vector apply_factored(const Matrix& left, const Matrix& right) const override;
  Matrix adjoint_times(const Vector& r, const Matrix& Q) const override;
  Matrix adjoint_transpose_times(const Vector& r, const Matrix& P) const override;
  OperatorPtr subset(std::span<const Index> indices) const override;

  const IndexVector& row_indices() const { return row_indices_; }
  const IndexVector& col_indices() const { return col_indices_; }

 private:
  IndexVector row_indices_;
  IndexVector col_indices_;
  Index n1_;
  Index n2_;
};

}  // namespace snnsense
