#pragma once
// The parameter update. Gradient descent with or without momentum in PyTorch's SGD convention
// (buffer b = mu b + g; heavy ball steps along b, Nesterov along g + mu b), and Adam as
// torch.optim.Adam computes it, so step sizes and coefficients carry over from PyTorch code.
#include "snnsense/core/state_stream.hpp"
#include "snnsense/training/train_options.hpp"

namespace snnsense {

class Optimizer {
 public:
  // Reads the optimizer, momentum and Adam fields of validated options.
  explicit Optimizer(const TrainOptions& options) : options_(options) {}

  void step(Vector& params, const Vector& gradient, double step_size);

  // The moments and the step count, for a checkpoint.
  void save(StateWriter& out) const;
  void restore(StateReader& in, Index parameter_count);

 private:
  void gradient_descent_step(Vector& params, const Vector& gradient, double step_size);
  void adam_step(Vector& params, const Vector& gradient, double step_size);

  TrainOptions options_;
  Vector buffer_;         // momentum's buffer, or Adam's first moment
  Vector second_moment_;  // Adam
  Index steps_ = 0;       // Adam's t, for the bias corrections
};

}  // namespace snnsense
