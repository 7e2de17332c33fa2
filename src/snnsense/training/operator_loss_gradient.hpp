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
  // Holds a reference to `op`, which must outlive this object.
  OperatorLossGradient(const MeasurementOperator& op, Vector weights) : op_(op), weights_(std::move(weights)) {}

  const Matrix& dense() const override;
  Matrix times(const Matrix& Q) const override { return op_.adjoint_times(weights_, Q); }
  Matrix transpose_times(const Matrix& P) const override { return op_.adjoint_transpose_times(weights_, P); }

 private:
  const MeasurementOperator& op_;
  Vector weights_;
  mutable Matrix dense_;
  mutable bool formed_ = false;
};

}  // namespace snnsense
