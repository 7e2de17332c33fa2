#include "snnsense/convex/admm.hpp"

#include <algorithm>
#include <limits>

#include "snnsense/convex/gram_pseudo_inverse.hpp"
#include "snnsense/convex/singular_value_threshold.hpp"
#include "snnsense/diagnostics/spectrum_metrics.hpp"
#include "snnsense/linalg/svd/thin_svd.hpp"

namespace snnsense {

namespace {

// Residual balancing (Boyd et al. 2011, §3.4.1): when one relative residual exceeds the other by
// kImbalance, rho moves by kRhoFactor towards the lagging one. ADMM converges for any fixed rho
// but not for one that keeps moving (it can oscillate indefinitely), so rho is revisited only every
// kAdaptEvery iterations and at most kMaxAdaptations times.
constexpr double kImbalance = 10.0;
constexpr double kRhoFactor = 2.0;
constexpr Index kAdaptEvery = 10;
constexpr Index kMaxAdaptations = 30;
// The first threshold 1/rho as a fraction of the minimum-Frobenius interpolant's spectral norm:
// small enough to keep most of its spectrum at first, large enough to start removing the tail.
constexpr double kInitialThreshold = 0.1;
// Keeps relative residuals finite when both sides are zero.
constexpr double kTiny = std::numeric_limits<double>::min();

}  // namespace

SolveResult solve_admm(const MeasurementOperator& op, const Vector& y, const SolveOptions& options) {
  SolveResult result;
  result.method = SolveMethod::admm;
  const GramPseudoInverse gram(op, options.dense_gram_limit);
  const Vector target = gram.range_projection(y);
  const auto project = [&](const Matrix& V) -> Matrix { return V - op.adjoint(gram.solve(op.apply(V) - target)); };

  Matrix X = project(Matrix::Zero(op.rows(), op.cols()));  // the minimum-Frobenius interpolant
  result.lambda = Vector::Zero(op.measurements());
  if (target.norm() == 0.0) {  // X = 0 interpolates, and nothing has a smaller norm
    result.status = SolveStatus::optimal;
    result.X = std::move(X);
    return result;
  }
  Matrix Z = X;
  Matrix U = Matrix::Zero(op.rows(), op.cols());
  double rho = 1.0 / (kInitialThreshold * thin_svd(X).s(0));
  Index adaptations = 0;

  while (result.iterations < options.max_iterations) {
    if (options.interrupt && options.interrupt->load()) {
      result.status = SolveStatus::interrupted;
      break;
    }
    X = project(Z - U);
    const Matrix previous = Z;
    Z = singular_value_threshold(X + U, 1.0 / rho).X;
    U += X - Z;
    ++result.iterations;
    result.primal_residual = (X - Z).norm() / std::max({X.norm(), Z.norm(), kTiny});
    result.dual_residual = (Z - previous).norm() / std::max(U.norm(), kTiny);
    if (result.primal_residual <= options.tolerance && result.dual_residual <= options.tolerance) {
      result.status = SolveStatus::optimal;
      break;
    }
    if (result.iterations % kAdaptEvery != 0 || adaptations == kMaxAdaptations) continue;
    // U is scaled by 1/rho, so it is rescaled to keep the multiplier rho U unchanged.
    if (result.primal_residual > kImbalance * result.dual_residual) {
      rho *= kRhoFactor;
      U /= kRhoFactor;
      ++adaptations;
    } else if (result.dual_residual > kImbalance * result.primal_residual) {
      rho /= kRhoFactor;
      U *= kRhoFactor;
      ++adaptations;
    }
  }
  // The multiplier rho U lies in range(A*) at the solution; lambda is its least-squares preimage.
  result.lambda = gram.solve(op.apply(rho * U));
  result.nuclear_norm = nuclear_norm(X);
  result.objective = result.nuclear_norm;
  result.X = std::move(X);
  return result;
}

}  // namespace snnsense
