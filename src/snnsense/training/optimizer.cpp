#include "snnsense/training/optimizer.hpp"

namespace snnsense {

void Optimizer::step(Vector& params, const Vector& gradient, double step_size) {
  if (momentum_ == Momentum::none) {
    params.noalias() -= step_size * gradient;
    return;
  }
  if (buffer_.size() != gradient.size())
    buffer_ = gradient;  // PyTorch starts the buffer at the first gradient
  else
    buffer_ = mu_ * buffer_ + gradient;
  if (momentum_ == Momentum::heavy_ball)
    params.noalias() -= step_size * buffer_;
  else
    params.noalias() -= step_size * (gradient + mu_ * buffer_);
}

}  // namespace snnsense
