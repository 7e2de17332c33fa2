#include "snnsense/convex/singular_value_threshold.hpp"

#include "snnsense/linalg/svd/thin_svd.hpp"

namespace snnsense {

Thresholded singular_value_threshold(const Matrix& Z, double tau) {
  // Reused across calls: the solvers threshold same-shaped matrices at every iteration.
  thread_local ThinSvd svd;
  thin_svd(Z, svd);
  Index kept = 0;
  while (kept < svd.s.size() && svd.s(kept) > tau) ++kept;
  const Vector shrunk = svd.s.head(kept).array() - tau;
  return {svd.U.leftCols(kept) * shrunk.asDiagonal() * svd.V.leftCols(kept).transpose(), shrunk.sum()};
}

}  // namespace snnsense
