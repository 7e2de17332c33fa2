#include "snnsense/training/optimizer.hpp"

#include <cmath>

namespace snnsense {

void Optimizer::step(Vector& params, const Vector& gradient, double step_size) {
  if (options_.optimizer == OptimizerKind::adam)
    adam_step(params, gradient, step_size);
  else
    gradient_descent_step(params, gradient, step_size);
}

void Optimizer::gradient_descent_step(Vector& params, const Vector& gradient, double step_size) {
  const Momentum momentum = options_.momentum;
  const double mu = options_.momentum_coefficient;
  if (momentum == Momentum::none) {
    params.noalias() -= step_size * gradient;
    return;
  }
  if (buffer_.size() != gradient.size())
    buffer_ = gradient;  // PyTorch starts the buffer at the first gradient
  else
    buffer_ = mu * buffer_ + gradient;
  if (momentum == Momentum::heavy_ball)
    params.noalias() -= step_size * buffer_;
  else
    params.noalias() -= step_size * (gradient + mu * buffer_);
}

void Optimizer::save(StateWriter& out) const {
  out.put_vector(buffer_);
  out.put_vector(second_moment_);
  out.put_index(steps_);
}

void Optimizer::restore(StateReader& in, Index parameter_count) {
  buffer_ = in.get_vector();
  second_moment_ = in.get_vector();
  steps_ = in.get_index();
  for (const Vector* v : {&buffer_, &second_moment_})
    if (v->size() != 0 && v->size() != parameter_count) in.fail("optimizer moments of another length than the parameters");
}

// torch.optim.Adam (amsgrad off, no weight decay): m = b1 m + (1 - b1) g, v = b2 v + (1 - b2) g^2,
// params -= lr (m / (1 - b1^t)) / (sqrt(v / (1 - b2^t)) + eps).
void Optimizer::adam_step(Vector& params, const Vector& gradient, double step_size) {
  const double b1 = options_.adam_beta1, b2 = options_.adam_beta2;
  if (buffer_.size() != gradient.size()) {
    buffer_ = Vector::Zero(gradient.size());
    second_moment_ = Vector::Zero(gradient.size());
    steps_ = 0;
  }
  ++steps_;
  buffer_ = b1 * buffer_ + (1.0 - b1) * gradient;
  second_moment_ = b2 * second_moment_ + (1.0 - b2) * gradient.cwiseAbs2();
  const double t = static_cast<double>(steps_);
  const double correction1 = 1.0 - std::pow(b1, t);
  const double root_correction2 = std::sqrt(1.0 - std::pow(b2, t));
  params.array() -= (step_size / correction1) * buffer_.array() /
                    (second_moment_.array().sqrt() / root_correction2 + options_.adam_epsilon);
}

}  // namespace snnsense
