#include "snnsense/training/step_schedule.hpp"

#include <cmath>
#include <numbers>

namespace snnsense {

double step_size_at(const TrainOptions& options, Index t) {
  switch (options.schedule) {
    case Schedule::constant: return options.lr;
    case Schedule::cosine:
      return 0.5 * options.lr *
             (1.0 + std::cos(std::numbers::pi * static_cast<double>(t) / static_cast<double>(options.iterations)));
    case Schedule::step:
      return options.lr * std::pow(options.decay_factor, static_cast<double>(t / options.decay_every));
  }
  return options.lr;
}

}  // namespace snnsense
