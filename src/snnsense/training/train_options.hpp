#pragma once
// How one training run proceeds. Every field has a default; validate() names what is wrong
// before any work starts.
#include <array>
#include <cstdint>
#include <string>

#include "snnsense/core/enum_names.hpp"
#include "snnsense/core/types.hpp"

namespace snnsense {

enum class Schedule { constant, cosine, step };
enum class Momentum { none, heavy_ball, nesterov };
// gd: (minibatch) gradient descent, with or without momentum. adam: Kingma & Ba's Adam in
// PyTorch's convention (bias-corrected moments, epsilon added to the root of the second).
enum class OptimizerKind { gd, adam };

template <>
struct EnumNames<Schedule> {
  static constexpr std::array<std::pair<Schedule, std::string_view>, 3> table{
      {{Schedule::constant, "constant"}, {Schedule::cosine, "cosine"}, {Schedule::step, "step"}}};
};
template <>
struct EnumNames<Momentum> {
  static constexpr std::array<std::pair<Momentum, std::string_view>, 3> table{
      {{Momentum::none, "none"}, {Momentum::heavy_ball, "heavy-ball"}, {Momentum::nesterov, "nesterov"}}};
};

template <>
struct EnumNames<OptimizerKind> {
  static constexpr std::array<std::pair<OptimizerKind, std::string_view>, 2> table{
      {{OptimizerKind::gd, "gd"}, {OptimizerKind::adam, "adam"}}};
};

// InputError naming the option for unknown names.
inline Schedule schedule_from_string(const std::string& name) {
  return enum_from_string<Schedule>(name, "--schedule: unknown schedule");
}
inline Momentum momentum_from_string(const std::string& name) {
  return enum_from_string<Momentum>(name, "--momentum: unknown momentum");
}
inline OptimizerKind optimizer_from_string(const std::string& name) {
  return enum_from_string<OptimizerKind>(name, "--optimizer: unknown optimizer");
}

struct TrainOptions {
  Index iterations = 2501;   // GD steps; the paper's image budget
  double lr = 0.01;          // base step size
  Schedule schedule = Schedule::constant;
  Index decay_every = 1000;  // step schedule: multiply by decay_factor every this many steps
  double decay_factor = 0.1;
  OptimizerKind optimizer = OptimizerKind::gd;
  Momentum momentum = Momentum::none;  // gd only
  double momentum_coefficient = 0.9;
  // Adam's decay rates of the first and second moments, and the epsilon beside the second's root.
  double adam_beta1 = 0.9;
  double adam_beta2 = 0.999;
  double adam_epsilon = 1e-8;
  Index batch_size = 0;          // measurements per step; 0 means all (full-batch GD)
  double loss_tolerance = 0.0;   // stop once the training loss is at or below this (0: never)
  double gradient_tolerance = 0.0;  // stop once ||grad|| is at or below this (0: never)
  // A loss above divergence_factor x the initial loss counts as divergence.
  double divergence_factor = 1e6;
  std::uint64_t seed = 0;  // minibatch order
  // Early stopping on the held-out measurements: every early_stopping_every steps the test loss
  // is measured, and once early_stopping_patience checks in a row have not lowered it the run
  // stops and reports the best checked iterate. 0 patience: off. Needs held-out measurements.
  Index early_stopping_patience = 0;
  Index early_stopping_every = 10;
  // The memory a run may take, in GB (1e9 bytes); 0: the machine's available memory. A run whose
  // estimate (training/training_memory.hpp) exceeds it is refused before the model allocates. A
  // limit, not a setting of the run: not part of config.json, so a resume may change it.
  double max_memory_gb = 0.0;

  void validate() const;
};

}  // namespace snnsense
