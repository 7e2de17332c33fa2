#pragma once
// How one training run proceeds. Every field has a default; validate() names what is wrong
// before any work starts.
#include <cstdint>
#include <string>

#include "snnsense/core/types.hpp"

namespace snnsense {

enum class Schedule { constant, cosine, step };
enum class Momentum { none, heavy_ball, nesterov };

std::string to_string(Schedule s);
std::string to_string(Momentum m);
Schedule schedule_from_string(const std::string& name);  // InputError for unknown names
Momentum momentum_from_string(const std::string& name);

struct TrainOptions {
  Index iterations = 2501;   // GD steps; the paper's image budget
  double lr = 0.01;          // base step size
  Schedule schedule = Schedule::constant;
  Index decay_every = 1000;  // step schedule: multiply by decay_factor every this many steps
  double decay_factor = 0.1;
  Momentum momentum = Momentum::none;
  double momentum_coefficient = 0.9;
  Index batch_size = 0;          // measurements per step; 0 means all (full-batch GD)
  double loss_tolerance = 0.0;   // stop once the training loss is at or below this (0: never)
  double gradient_tolerance = 0.0;  // stop once ||grad|| is at or below this (0: never)
  // A loss above divergence_factor x the initial loss counts as divergence.
  double divergence_factor = 1e6;
  std::uint64_t seed = 0;  // minibatch order

  void validate() const;
};

}  // namespace snnsense
