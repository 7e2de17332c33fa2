#pragma once
#include "snnsense/training/train_options.hpp"

namespace snnsense {

// The step size at iteration t (0-based) of a run of options.iterations steps.
double step_size_at(const TrainOptions& options, Index t);

}  // namespace snnsense
