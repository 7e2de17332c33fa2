#include "snnsense/training/operator_loss_gradient.hpp"

namespace snnsense {

const Matrix& OperatorLossGradient::dense() const {
  if (!formed_) {
    dense_ = op_.adjoint(weights_);
    formed_ = true;
  }
  return dense_;
}

}  // namespace snnsense
