#pragma once
// Conjugate gradients for G z = r with G symmetric positive semidefinite and given only as a
// product. The convex solvers use it in place of an m x m Gram matrix when m is too large to form.
#include <functional>

#include "snnsense/core/types.hpp"

namespace snnsense {

using LinearMap = std::function<Vector(const Vector&)>;

// Starts from zero, so for a consistent singular system (r in range(G)) the iterates stay in
// range(G) and converge to the minimum-norm solution G^+ r. Stops at relative_tolerance or after
// max_iterations; a caller that needs to know how well it did checks ||r - G z|| itself.
Vector conjugate_gradient(const LinearMap& G, const Vector& r, double relative_tolerance, Index max_iterations);

}  // namespace snnsense
