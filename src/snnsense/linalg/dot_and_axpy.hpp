#pragma once
// One pass over y for two things a layer's backward pass wants from it: <x, y> (the gradient of
// a mixing weight) and z += a y (the gradient flowing to the layer below). Two Eigen expressions
// read y twice, and at Fig-3 sizes the sixteen y of a layer do not fit the L1 cache together.
#include "snnsense/core/types.hpp"

namespace snnsense {

// Returns sum_e x[e] y[e] and sets z[e] = a y[e] (accumulate false) or z[e] += a y[e] (true),
// e < n. z must not overlap x or y.
double dot_and_axpy(const double* x, const double* y, double a, double* z, Index n, bool accumulate);

}  // namespace snnsense
