#pragma once
// The loss gradient G = A*(w) of an estimate that is not dense (w = residual / m): kept as the
// operator and the weights, so a factored model's products G Q and G^T P cost what the operator's
// adjoint products cost (O(m R) for completion) and G itself is formed only if someone asks.
#include "snnsense/models/loss_gradient.hpp"
#include <utility>

#include "snnsense/operators/measurement_operator.hpp"

namespace snnsense {

class OperatorLossGradient final : public LossGradient {
 public:
  // Holds references to `op` and `right` and uses `pool` (null: one thread): all must outlive this object.
  OperatorLossGradient(const MeasurementOperator& op, Vector weights, ParallelFor* pool = nullptr)
      : op_(op), weights_(std::move(weights)), pool_(pool) {}
  // From the operator's factored residual of X = left right^T: its product A*(w) right is already
  // formed, and times() returns it when asked for G right again (the factored SNN's Q is its
  // estimate's right factor) instead of passing over the measurements a second time.
  OperatorLossGradient(const MeasurementOperator& op, FactoredResidual residual, const Matrix& right,
                       ParallelFor* pool = nullptr);

  const Matrix& dense() const override;
  Matrix times(const Matrix& Q) const override;
  Matrix transpose_times(const Matrix& P) const override { return op_.adjoint_transpose_times(weights_, P, pool_); }

 private:
  const MeasurementOperator& op_;
  Vector weights_;
  ParallelFor* pool_;
  // G known_right_ = known_product_, when formed with the weights; known_right_ null otherwise.
  const Matrix* known_right_ = nullptr;
  Matrix known_product_;
  mutable Matrix dense_;
  mutable bool formed_ = false;
};

}  // namespace snnsense
