#pragma once
// Where LG (X itself as the parameter, zero init) converges: GD stays in the range of A*, so its
// limit is the minimum-Frobenius-norm least-squares solution A*((A A*)^+ y). The reproduction
// measures every model's distance to it, the negative control beside the distance to the convex
// (minimum-nuclear-norm) solution.
#include "snnsense/operators/measurement_operator.hpp"

namespace snnsense {

Matrix min_frobenius_interpolant(const MeasurementOperator& op, const Vector& y);

}  // namespace snnsense
