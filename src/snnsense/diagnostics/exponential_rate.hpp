#pragma once
// The paper proves that GD on a well-specified SNN converges exponentially fast; the measured
// rate is the slope of log(training loss) against iteration, fitted by least squares.
#include <vector>

#include "snnsense/core/types.hpp"

namespace snnsense {

struct ExponentialRate {
  double slope = 0.0;       // d log(loss) / d iteration; negative when the loss decays
  double r_squared = 0.0;   // of the linear fit of log(loss)
  Index first_iteration = 0;
  Index last_iteration = 0;
  Index points = 0;
};

// Fits over the samples whose iteration lies in the last `tail_fraction` of the run (the paper's
// asymptotic regime), skipping non-positive losses. Throws InputError with fewer than 3 points.
ExponentialRate fit_exponential_rate(const std::vector<double>& iterations, const std::vector<double>& losses,
                                     double tail_fraction = 0.5);

}  // namespace snnsense
