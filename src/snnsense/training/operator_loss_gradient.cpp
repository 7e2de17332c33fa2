#include "snnsense/training/operator_loss_gradient.hpp"

namespace snnsense {

OperatorLossGradient::OperatorLossGradient(const MeasurementOperator& op, FactoredResidual residual,
                                           const Matrix& right, ParallelFor* pool)
    : op_(op),
      weights_(std::move(residual.weights)),
      pool_(pool),
      known_right_(&right),
      known_product_(std::move(residual.adjoint_times_right)) {}

const Matrix& OperatorLossGradient::dense() const {
  if (!formed_) {
    dense_ = op_.adjoint(weights_);
    formed_ = true;
  }
  return dense_;
}

Matrix OperatorLossGradient::times(const Matrix& Q) const {
  // Equal values give the product the operator would compute again: the comparison costs O(n R),
  // a pass over the measurements O(m R).
  if (known_right_ && Q.rows() == known_right_->rows() && Q.cols() == known_right_->cols() && Q == *known_right_)
    return known_product_;
  return op_.adjoint_times(weights_, Q, pool_);
}

}  // namespace snnsense
