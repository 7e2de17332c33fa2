#pragma once
// ||A||_2^2, the largest eigenvalue of A*A: the Lipschitz constant of the gradient of
// 1/2 ||A(X) - y||^2, which sets the proximal gradient step.
#include "snnsense/operators/measurement_operator.hpp"

namespace snnsense {

// Power iteration on A*A from a fixed random start (so results repeat), until the estimate moves
// by less than relative_tolerance. The estimate approaches the norm from below.
double squared_operator_norm(const MeasurementOperator& op, double relative_tolerance = 1e-10,
                             Index max_iterations = 10000);

}  // namespace snnsense
