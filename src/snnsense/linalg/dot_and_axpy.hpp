#pragma once
// One pass over y for two things a layer's backward pass wants from it: <x, y> (the gradient of
// a mixing weight) and z += a y (the gradient flowing to the layer below). Two Eigen expressions
// read y twice, and the sixteen 28 x 28 y of a layer of width 16 do not fit the L1 cache together.
#include "snnsense/core/types.hpp"

namespace snnsense {

// Returns sum_e x[e] y[e] and sets z[e] = a y[e] (accumulate false) or z[e] += a y[e] (true),
// e < n. z must not overlap x or y.
double dot_and_axpy(const double* x, const double* y, double a, double* z, Index n, bool accumulate);

}  // namespace snnsense
