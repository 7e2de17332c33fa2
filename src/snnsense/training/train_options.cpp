#include "snnsense/training/train_options.hpp"

#include <cmath>

#include "snnsense/core/error.hpp"

namespace snnsense {

void TrainOptions::validate() const {
  auto positive = [](double v) { return std::isfinite(v) && v > 0.0; };
  if (iterations <= 0) throw InputError("--iters: must be a positive integer, got " + std::to_string(iterations));
  if (!positive(lr)) throw InputError("--lr: must be a positive number, got " + std::to_string(lr));
  if (decay_every <= 0) throw InputError("--decay-every: must be positive");
  if (!positive(decay_factor) || decay_factor > 1.0) throw InputError("--decay-factor: must lie in (0, 1]");
  if (!(momentum_coefficient >= 0.0 && momentum_coefficient < 1.0))
    throw InputError("--momentum-coefficient: must lie in [0, 1)");
  if (batch_size < 0) throw InputError("--batch-size: must be non-negative (0 for full batch)");
  if (!(loss_tolerance >= 0.0)) throw InputError("--loss-tol: must be non-negative");
  if (!(gradient_tolerance >= 0.0)) throw InputError("--grad-tol: must be non-negative");
  if (!(divergence_factor > 1.0)) throw InputError("--divergence-factor: must exceed 1");
}

}  // namespace snnsense
