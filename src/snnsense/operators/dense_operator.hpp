#pragma once
// Arbitrary measurement matrices stored explicitly: row i of the m x (n1*n2) array is vec(A_i) in
// C order, the layout of a Gaussian sensing operator saved from numpy.
#include "snnsense/operators/measurement_operator.hpp"

namespace snnsense {

class DenseOperator final : public MeasurementOperator {
 public:
  DenseOperator(RowMatrix A, Index n1, Index n2);

  OperatorKind kind() const override { return OperatorKind::dense; }
  Index measurements() const override { return A_.rows(); }
  Index rows() const override { return n1_; }
  Index cols() const override { return n2_; }

  Vector apply(const Matrix& X) const override;
  Matrix adjoint(const Vector& r) const override;
  void residual_and_adjoint(const Matrix& X, const Vector& y, Vector& r, Matrix& G, ParallelFor* pool) const override;
  OperatorPtr subset(std::span<const Index> indices) const override;
  RowMatrix dense() const override { return A_; }

  const RowMatrix& matrix() const { return A_; }

 private:
  RowMatrix A_;
  Index n1_;
  Index n2_;
};

}  // namespace snnsense
