#pragma once
// Rank-one measurements A_i = a_i b_i^T, stored as their factors: row i of left (m x n1) is a_i and
// row i of right (m x n2) is b_i, so memory is O(m (n1 + n2)) instead of O(m n1 n2).
#include "snnsense/operators/measurement_operator.hpp"

namespace snnsense {

class RankOneOperator final : public MeasurementOperator {
 public:
  RankOneOperator(Matrix left, Matrix right);

  OperatorKind kind() const override { return OperatorKind::rank_one; }
  Index measurements() const override { return left_.rows(); }
  Index rows() const override { return left_.cols(); }
  Index cols() const override { return right_.cols(); }

  Vector apply(const Matrix& X) const override;
  Matrix adjoint(const Vector& r) const override;
  OperatorPtr subset(std::span<const Index> indices) const override;

  const Matrix& left() const { return left_; }
  const Matrix& right() const { return right_; }

 private:
  Matrix left_;
  Matrix right_;
};

}  // namespace snnsense
