#pragma once
// The parameter update: plain gradient steps or momentum, in PyTorch's SGD convention
// (buffer b = mu b + g; heavy ball steps along b, Nesterov along g + mu b), so step sizes and
// coefficients carry over from the reference code.
#include "snnsense/training/train_options.hpp"

namespace snnsense {

class Optimizer {
 public:
  Optimizer(Momentum momentum, double coefficient) : momentum_(momentum), mu_(coefficient) {}

  void step(Vector& params, const Vector& gradient, double step_size);

 private:
  Momentum momentum_;
  double mu_;
  Vector buffer_;
};

}  // namespace snnsense
