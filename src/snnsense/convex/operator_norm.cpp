#include "snnsense/convex/operator_norm.hpp"

#include <cmath>

#include "snnsense/core/rng.hpp"

namespace snnsense {

double squared_operator_norm(const MeasurementOperator& op, double relative_tolerance, Index max_iterations) {
  Rng rng(0);
  Matrix X = rng.normal_matrix(op.rows(), op.cols());
  X /= X.norm();
  double estimate = 0.0;
  for (Index k = 0; k < max_iterations; ++k) {
    const Matrix next = op.adjoint(op.apply(X));
    const double value = next.norm();  // ||A*A X|| with ||X|| = 1
    if (value == 0.0) return 0.0;      // X lies in the null space only if A = 0
    X = next / value;
    const bool settled = std::abs(value - estimate) <= relative_tolerance * value;
    estimate = value;
    if (settled) break;
  }
  return estimate;
}

}  // namespace snnsense
