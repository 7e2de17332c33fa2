#pragma once
// Minimum nuclear norm subject to A(X) = P(y), by ADMM on the splitting X = Z:
//   X <- the projection of Z - U onto {X : A(X) = P(y)}   (through (A A*)^+)
//   Z <- singular value thresholding of X + U at 1/rho
//   U <- U + X - Z                                        (scaled dual; rho U is the multiplier)
// with rho balanced against the residuals. The reported X is the affine iterate, which
// interpolates P(y) to rounding. An engine of solve(), which adds the KKT residual and the time.
#include "snnsense/convex/solve_result.hpp"
#include "snnsense/operators/measurement_operator.hpp"

namespace snnsense {

SolveResult solve_admm(const MeasurementOperator& op, const Vector& y, const SolveOptions& options);

}  // namespace snnsense
