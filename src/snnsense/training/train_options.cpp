#include "snnsense/training/train_options.hpp"

#include <cmath>

#include "snnsense/core/error.hpp"
#include "snnsense/core/memory_estimate.hpp"

namespace snnsense {

void TrainOptions::validate() const {
  auto positive = [](double v) { return std::isfinite(v) && v > 0.0; };
  if (iterations <= 0) throw InputError("--iters: must be a positive integer, got " + std::to_string(iterations));
  if (!positive(lr)) throw InputError("--lr: must be a positive number, got " + std::to_string(lr));
  if (decay_every <= 0) throw InputError("--decay-every: must be positive");
  if (!positive(decay_factor) || decay_factor > 1.0) throw InputError("--decay-factor: must lie in (0, 1]");
  if (!(momentum_coefficient >= 0.0 && momentum_coefficient < 1.0))
    throw InputError("--momentum-coefficient: must lie in [0, 1)");
  if (optimizer == OptimizerKind::adam && momentum != Momentum::none)
    throw InputError("--momentum: applies to --optimizer gd; Adam keeps its own moments (--adam-beta1)");
  if (!(adam_beta1 >= 0.0 && adam_beta1 < 1.0)) throw InputError("--adam-beta1: must lie in [0, 1)");
  if (!(adam_beta2 >= 0.0 && adam_beta2 < 1.0)) throw InputError("--adam-beta2: must lie in [0, 1)");
  if (!positive(adam_epsilon)) throw InputError("--adam-eps: must be a positive number");
  if (batch_size < 0) throw InputError("--batch-size: must be non-negative (0 for full batch)");
  if (!(loss_tolerance >= 0.0)) throw InputError("--loss-tol: must be non-negative");
  if (!(gradient_tolerance >= 0.0)) throw InputError("--grad-tol: must be non-negative");
  if (!(divergence_factor > 1.0)) throw InputError("--divergence-factor: must exceed 1");
  if (early_stopping_patience < 0) throw InputError("--early-stopping: must be non-negative (0: off)");
  if (early_stopping_every <= 0) throw InputError("--early-stopping-every: must be positive");
  validate_max_memory(max_memory_gb);
}

}  // namespace snnsense
