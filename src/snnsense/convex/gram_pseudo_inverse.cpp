#include "snnsense/convex/gram_pseudo_inverse.hpp"

#include <limits>

#include "snnsense/convex/conjugate_gradient.hpp"
#include "snnsense/linalg/svd/thin_svd.hpp"

namespace snnsense {

namespace {

// Conjugate gradients stop at this relative residual: far below the solvers' own tolerances, so
// that inexact projections do not put a floor under their residuals.
constexpr double kCgTolerance = 1e-13;
// CG converges in rank(G) steps in exact arithmetic; rounding costs a few rounds more.
constexpr Index kCgRounds = 10;

}  // namespace

GramPseudoInverse::GramPseudoInverse(Index m, Forward forward, Adjoint adjoint, Index dense_limit)
    : m_(m), forward_(std::move(forward)), adjoint_(std::move(adjoint)), formed_(m <= dense_limit) {
  null_basis_.resize(m, 0);
  if (!formed_ || m == 0) return;
  Matrix G(m, m);
  for (Index i = 0; i < m; ++i) G.col(i) = forward_(adjoint_(Vector::Unit(m, i)));
  // G is positive semidefinite, so its singular value decomposition is its eigendecomposition,
  // and LAPACK's divide-and-conquer SVD is many times faster than Eigen's symmetric eigensolver.
  // Rounding makes the formed G slightly asymmetric; symmetrising keeps U and V alike.
  const ThinSvd svd = thin_svd(0.5 * (G + G.transpose()));
  // Eigenvalues below the rounding noise of forming G (about m eps ||G||) are zeros of G that
  // rounding moved; inverting them would amplify noise instead of resolving rank deficiency.
  const double floor = 8.0 * static_cast<double>(m) * std::numeric_limits<double>::epsilon() * svd.s(0);
  const Index kept = (svd.s.array() > floor).count();
  range_basis_ = svd.U.leftCols(kept);
  inverse_values_ = svd.s.head(kept).cwiseInverse();
  null_basis_ = svd.U.rightCols(m - kept);
}

GramPseudoInverse::GramPseudoInverse(const MeasurementOperator& op, Index dense_limit)
    : GramPseudoInverse(
          op.measurements(), [&op](const Matrix& X) { return op.apply(X); },
          [&op](const Vector& r) { return op.adjoint(r); }, dense_limit) {}

Vector GramPseudoInverse::solve(const Vector& r) const {
  if (formed_) return range_basis_ * inverse_values_.cwiseProduct(range_basis_.transpose() * r);
  const LinearMap G = [this](const Vector& v) { return forward_(adjoint_(v)); };
  return conjugate_gradient(G, r, kCgTolerance, kCgRounds * m_);
}

Vector GramPseudoInverse::range_projection(const Vector& y) const {
  if (formed_) return range_basis_ * (range_basis_.transpose() * y);
  // y itself may lie outside range(G), where CG on G breaks down; the normal equations
  // B*B X = B*y of min ||B(X) - y|| are consistent, and B(X) is the projection.
  const Matrix rhs = adjoint_(y);
  const Index n1 = rhs.rows(), n2 = rhs.cols();
  const LinearMap normal = [&](const Vector& v) {
    const Matrix image = adjoint_(forward_(Eigen::Map<const Matrix>(v.data(), n1, n2)));
    return Vector(Eigen::Map<const Vector>(image.data(), image.size()));
  };
  const Vector x = conjugate_gradient(normal, Eigen::Map<const Vector>(rhs.data(), rhs.size()), kCgTolerance,
                                      kCgRounds * std::min(m_, rhs.size()));
  return forward_(Eigen::Map<const Matrix>(x.data(), n1, n2));
}

}  // namespace snnsense
