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

// InputError naming the option for unknown names.
inline Schedule schedule_from_string(const std::string& name) {
  return enum_from_string<Schedule>(name, "--schedule: unknown schedule");
}
inline Momentum momentum_from_string(const std::string& name) {
  return enum_from_string<Momentum>(name, "--momentum: unknown momentum");
}

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
