#pragma once
// How strong the measurements are against their noise: 20 log10(RMS(A(X*)) / noise) in dB.
#include <nlohmann/json.hpp>

#include "snnsense/problems/problem.hpp"

namespace snnsense {

// From X* when the problem stores it (train and test measurements together); otherwise estimated
// from y, whose mean square is the signal's plus the noise variance. +inf without noise; NaN when
// y carries no measurable signal above the stated noise.
double signal_to_noise_db(const Problem& problem);

// The same as a JSON number, or null when it is not finite (JSON has no infinity).
nlohmann::json signal_to_noise_json(const Problem& problem);

}  // namespace snnsense
