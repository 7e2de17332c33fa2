#pragma once
// out = sum_i w[i] x_i over a few same-sized arrays: an SNN layer's input, a weighted sum of the
// previous layer's outputs. Term by term (out = w0 x0; out += w1 x1; ...) stores out once per
// term; here each block of out is summed in registers over all terms and stored once.
#include "snnsense/core/types.hpp"

namespace snnsense {

// out[e] = sum_{i < count} w[i] x[i][e] for e < n, the terms added in order i = 0, 1, ...
// count >= 1; out must not overlap any x[i].
void weighted_sum(const double* const* x, const double* w, Index count, double* out, Index n);

}  // namespace snnsense
