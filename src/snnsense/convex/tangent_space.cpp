#include "snnsense/convex/tangent_space.hpp"

#include "snnsense/linalg/svd/thin_svd.hpp"

namespace snnsense {

TangentSpace::TangentSpace(const Matrix& X, double relative_threshold) {
  const ThinSvd svd = thin_svd(X);
  const Index k = svd.s.size();
  const double threshold = k > 0 ? relative_threshold * svd.s(0) : 0.0;
  Index rank = 0;
  while (rank < k && svd.s(rank) > threshold) ++rank;
  U_ = svd.U.leftCols(rank);
  V_ = svd.V.leftCols(rank);
}

Matrix TangentSpace::project_complement(const Matrix& Z) const {
  const Matrix left = Z - U_ * (U_.transpose() * Z);
  return left - (left * V_) * V_.transpose();
}

Matrix TangentSpace::project(const Matrix& Z) const { return Z - project_complement(Z); }

}  // namespace snnsense
