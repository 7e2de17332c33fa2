#include "snnsense/convex/basis_pursuit.hpp"

#include <algorithm>
#include <limits>

#include "snnsense/convex/simplex.hpp"
#include "snnsense/diagnostics/spectrum_metrics.hpp"
#include "snnsense/linalg/svd/thin_svd.hpp"

namespace snnsense {

SolveResult solve_basis_pursuit(const MeasurementOperator& op, const SpectralBasis& basis, const Vector& y,
                                const SolveOptions& options) {
  SolveResult result;
  result.method = SolveMethod::basis_pursuit;
  const Index k = basis.phi.cols();
  Matrix a(op.measurements(), k);
  for (Index j = 0; j < k; ++j) a.col(j) = op.apply(basis.phi.col(j) * basis.psi.col(j).transpose());

  // a = U S V^T restricted to its numerical rank r turns a d = P(y) into V_r^T d = S_r^-1 U_r^T y:
  // r independent, orthonormal rows (the simplex needs full row rank and likes unit scale), and
  // P(y) = U_r U_r^T y comes for free.
  const ThinSvd svd = thin_svd(a);
  const double floor = static_cast<double>(std::max(a.rows(), a.cols())) * std::numeric_limits<double>::epsilon() *
                       (svd.s.size() > 0 ? svd.s(0) : 0.0);
  const Index r = (svd.s.array() > floor).count();
  const Matrix U = svd.U.leftCols(r), V = svd.V.leftCols(r);
  const Vector s = svd.s.head(r);
  const Vector target = U * (U.transpose() * y);

  Vector d = Vector::Zero(k);
  result.lambda = Vector::Zero(op.measurements());
  result.status = SolveStatus::optimal;
  if (r > 0) {
    Matrix M(r, 2 * k);
    M << V.transpose(), -V.transpose();
    const SimplexResult lp = simplex(M, (U.transpose() * y).cwiseQuotient(s), Vector::Ones(2 * k), options.max_iterations);
    d = lp.x.head(k) - lp.x.tail(k);
    // The LP dual mu satisfies |V_r mu| <= 1; lambda = U_r S_r^-1 mu has a^T lambda = V_r mu.
    result.lambda = U * lp.dual.cwiseQuotient(s);
    result.iterations = lp.iterations;
    if (!lp.optimal) result.status = SolveStatus::iteration_cap;
  }
  const double target_norm = target.norm();
  const double gap = (a * d - target).norm();
  result.primal_residual = target_norm > 0.0 ? gap / target_norm : gap;
  result.dual_residual = std::max(0.0, (a.transpose() * result.lambda).cwiseAbs().maxCoeff() - 1.0);
  result.X = basis.phi * d.asDiagonal() * basis.psi.transpose();
  result.nuclear_norm = nuclear_norm(result.X);
  result.objective = result.nuclear_norm;
  return result;
}

}  // namespace snnsense
