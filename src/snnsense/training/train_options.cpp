#include "snnsense/training/train_options.hpp"

#include <cmath>

#include "snnsense/core/error.hpp"

namespace snnsense {

std::string to_string(Schedule s) {
  switch (s) {
    case Schedule::constant: return "constant";
    case Schedule::cosine: return "cosine";
    case Schedule::step: return "step";
  }
  return "unknown";
}

std::string to_string(Momentum m) {
  switch (m) {
    case Momentum::none: return "none";
    case Momentum::heavy_ball: return "heavy-ball";
    case Momentum::nesterov: return "nesterov";
  }
  return "unknown";
}

Schedule schedule_from_string(const std::string& name) {
  for (Schedule s : {Schedule::constant, Schedule::cosine, Schedule::step})
    if (to_string(s) == name) return s;
  throw InputError("--schedule: unknown schedule '" + name + "' (expected constant, cosine or step)");
}

Momentum momentum_from_string(const std::string& name) {
  for (Momentum m : {Momentum::none, Momentum::heavy_ball, Momentum::nesterov})
    if (to_string(m) == name) return m;
  throw InputError("--momentum: unknown momentum '" + name + "' (expected none, heavy-ball or nesterov)");
}

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
