#pragma once
// A small dense linear-programme solver for
//
//     minimise c^T x  subject to  M x = b,  x >= 0,       M r x n of full row rank,
//
// the revised simplex method in two phases with Bland's rule (no cycling on degenerate vertices).
// Every iteration refactors the basis from M itself, so rounding does not accumulate: the answer
// is the optimal vertex to working precision. Meant for the r, n of a few hundred at most that
// basis pursuit on singular values produces.
#include "snnsense/core/types.hpp"

namespace snnsense {

struct SimplexResult {
  bool optimal = false;  // false: max_iterations pivots were not enough (x is then the last vertex)
  Vector x;
  Vector dual;           // y with M^T y <= c, complementary to x: the certificate of optimality
  Index iterations = 0;  // pivots over both phases
};

// Throws NumericalError if the programme is infeasible or unbounded, which basis pursuit on a
// consistent system never is.
SimplexResult simplex(const Matrix& M, const Vector& b, const Vector& c, Index max_iterations);

}  // namespace snnsense
