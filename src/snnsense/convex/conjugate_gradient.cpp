#include "snnsense/convex/conjugate_gradient.hpp"

#include <cmath>

namespace snnsense {

Vector conjugate_gradient(const LinearMap& G, const Vector& r, double relative_tolerance, Index max_iterations) {
  Vector z = Vector::Zero(r.size());
  const double target = relative_tolerance * r.norm();
  Vector residual = r;
  Vector direction = residual;
  double residual_sq = residual.squaredNorm();
  for (Index k = 0; k < max_iterations && std::sqrt(residual_sq) > target; ++k) {
    const Vector Gd = G(direction);
    const double curvature = direction.dot(Gd);
    // Zero curvature along a non-zero direction means the residual left range(G) (an
    // inconsistent system, or rounding at the floor of what G resolves): no further progress.
    if (!(curvature > 0.0)) break;
    const double step = residual_sq / curvature;
    z += step * direction;
    residual -= step * Gd;
    const double next_sq = residual.squaredNorm();
    direction = residual + (next_sq / residual_sq) * direction;
    residual_sq = next_sq;
  }
  return z;
}

}  // namespace snnsense
