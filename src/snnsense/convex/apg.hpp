#pragma once
// Minimise 1/2 ||A(X) - y||^2 + lambda ||X||_* by accelerated proximal gradient (FISTA, Beck and
// Teboulle 2009): step 1/L with L = ||A||_2^2, the proximal map being singular value
// thresholding at lambda / L, and the momentum restarted whenever it points uphill (O'Donoghue and
// Candès 2015), which restores linear convergence near a low-rank solution. Small lambdas are
// approached by continuation from ||A*(y)||_2. Stops when the relative step and the relative
// duality gap both reach the tolerance. With noisy, underdetermined measurements and a lambda
// far below ||A*(y)||_2 the problem is badly conditioned and FISTA can spend its whole budget
// (status iteration_cap); the equality problem (admm) is the lambda -> 0 limit.
// An engine of solve(), which adds the KKT residual and the time.
#include "snnsense/convex/solve_result.hpp"
#include "snnsense/operators/measurement_operator.hpp"

namespace snnsense {

SolveResult solve_apg(const MeasurementOperator& op, const Vector& y, double lambda, const SolveOptions& options);

}  // namespace snnsense
