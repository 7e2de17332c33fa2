#include "snnsense/convex/apg.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "snnsense/convex/operator_norm.hpp"
#include "snnsense/convex/singular_value_threshold.hpp"
#include "snnsense/linalg/svd/thin_svd.hpp"

namespace snnsense {

namespace {

// Power iteration approaches ||A||^2 from below, and a step above 1/||A||^2 can make FISTA
// diverge; the margin costs one percent of speed.
constexpr double kLipschitzMargin = 1.01;
// Continuation: a small lambda is reached through penalties shrinking by kShrink from
// ||A*(y)||_2 (above which X = 0 is the solution), each solved to kStageTolerance and warm-starting
// the next. Straight at a small lambda, FISTA crawls (tens of thousands of iterations).
constexpr double kShrink = 0.2;
constexpr double kStageTolerance = 1e-4;

// Keeps relative residuals finite when both sides are zero.
constexpr double kTiny = std::numeric_limits<double>::min();

// The dual of min 1/2 ||A(X) - y||^2 + mu ||X||_* is max <y, theta> - 1/2 ||theta||^2 subject to
// ||A*(theta)||_2 <= mu; the residual y - A(X), scaled into that set, is a feasible theta. The gap
// bounds the suboptimality of X, and relative to the objective it means the same at every scale
// of A, y and mu (unlike the gradient mapping, which at small mu drowns in the rounding of X).
double relative_duality_gap(const Vector& y, const Vector& residual, const Matrix& gradient, double nuclear_norm,
                            double mu) {
  const double spectral = thin_svd(gradient).s(0);  // ||A*(residual)||_2
  const double scale = spectral > mu ? mu / spectral : 1.0;
  const double primal = 0.5 * residual.squaredNorm() + mu * nuclear_norm;
  const double dual = scale * y.dot(residual) - 0.5 * scale * scale * residual.squaredNorm();
  return std::max(primal - dual, 0.0) / std::max(primal, kTiny);
}

}  // namespace

SolveResult solve_apg(const MeasurementOperator& op, const Vector& y, double lambda, const SolveOptions& options) {
  SolveResult result;
  result.method = SolveMethod::apg;
  const double L = kLipschitzMargin * squared_operator_norm(op);
  // Apply and adjoint are linear, so the momentum point's gradient is the same combination of
  // the iterates' as the point itself: one residual and one adjoint per iteration.
  Thresholded X{Matrix::Zero(op.rows(), op.cols()), 0.0};
  Vector residual = -y;              // A X - y
  Matrix gradient = -op.adjoint(y);  // A*(A X - y)
  Vector residual_next;
  Matrix gradient_next;
  Matrix Y = X.X, gradient_Y = gradient;
  double t = 1.0;
  double penalty = std::max(lambda, kShrink * thin_svd(gradient).s(0));

  while (result.iterations < options.max_iterations && L > 0.0) {
    if (options.interrupt && options.interrupt->load()) {
      result.status = SolveStatus::interrupted;
      break;
    }
    Thresholded next = singular_value_threshold(Y - gradient_Y / L, penalty / L);
    op.residual_and_adjoint(next.X, y, residual_next, gradient_next, nullptr);
    ++result.iterations;
    result.primal_residual = (next.X - X.X).norm() / std::max(next.X.norm(), kTiny);

    // Gradient restart (O'Donoghue and Candès): momentum pointing uphill is dropped.
    const bool uphill = (Y - next.X).cwiseProduct(next.X - X.X).sum() > 0.0;
    const double t_next = uphill ? 1.0 : 0.5 * (1.0 + std::sqrt(1.0 + 4.0 * t * t));
    const double beta = uphill ? 0.0 : (t - 1.0) / t_next;
    Y = next.X + beta * (next.X - X.X);
    gradient_Y = gradient_next + beta * (gradient_next - gradient);
    X = std::move(next);
    std::swap(residual, residual_next);
    std::swap(gradient, gradient_next);
    t = t_next;

    const bool final_stage = penalty == lambda;
    const double stage_tolerance = final_stage ? options.tolerance : kStageTolerance;
    if (result.primal_residual > stage_tolerance) continue;
    // The gap costs an SVD, so it is checked only once the iterates have settled.
    result.dual_residual = relative_duality_gap(y, -residual, gradient, X.nuclear_norm, penalty);
    if (result.dual_residual > stage_tolerance) continue;
    if (final_stage) {
      result.status = SolveStatus::optimal;
      break;
    }
    penalty = std::max(lambda, kShrink * penalty);
    Y = X.X;
    gradient_Y = gradient;
    t = 1.0;
  }
  if (L == 0.0) result.status = SolveStatus::optimal;  // A = 0: X = 0 minimises
  if (!result.optimal())  // report the gap of the problem asked for, not of a continuation stage
    result.dual_residual = relative_duality_gap(y, -residual, gradient, X.nuclear_norm, lambda);
  result.lambda = -residual / lambda;
  result.nuclear_norm = X.nuclear_norm;
  result.objective = 0.5 * residual.squaredNorm() + lambda * X.nuclear_norm;
  result.X = std::move(X.X);
  return result;
}

}  // namespace snnsense
