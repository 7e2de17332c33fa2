#include "snnsense/convex/kkt_residual.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "snnsense/convex/tangent_space.hpp"
#include "snnsense/core/error.hpp"
#include "snnsense/linalg/svd/thin_svd.hpp"

namespace snnsense {

namespace {

// The search for a certificate among the least-squares fits aims at spectral norm kAimedRadius:
// projecting onto the unit ball itself would approach it from outside forever, while a slightly
// smaller ball is reached at a finite step whenever the unit ball is reached with room to spare.
constexpr double kAimedRadius = 1.0 - 1e-3;
// When the sets do not meet (X is not optimal) the search only creeps towards their distance:
// it gives up once a stretch of kStallLength projections improves the norm by under kStallGain.
constexpr Index kMaxProjections = 2000;
constexpr Index kStallLength = 100;
constexpr double kStallGain = 1e-4;

Eigen::Map<const Vector> flat(const Matrix& Z) { return {Z.data(), Z.size()}; }

// What one candidate lambda is checked against: X's tangent space and how far A(X) is from P(y),
// which does not depend on lambda.
struct Conditions {
  const MeasurementOperator& op;
  TangentSpace tangent;
  double primal;

  KktResidual evaluate(Vector lambda) const {
    KktResidual kkt;
    kkt.rank = tangent.rank();
    kkt.primal = primal;
    const Matrix image = op.adjoint(lambda);
    // ||U V^T||_F = sqrt(rank); X = 0 has T = {0}, where nothing needs matching.
    if (kkt.rank > 0)
      kkt.tangent = (tangent.project(image) - tangent.sign()).norm() / std::sqrt(static_cast<double>(kkt.rank));
    const Vector complement = thin_svd(tangent.project_complement(image)).s;
    kkt.spectral_excess = complement.size() > 0 ? std::max(0.0, complement(0) - 1.0) : 0.0;
    kkt.value = std::max({kkt.primal, kkt.tangent, kkt.spectral_excess});
    kkt.lambda = std::move(lambda);
    return kkt;
  }
};

Conditions conditions_at(const MeasurementOperator& op, const Vector& target, const Matrix& X, double rank_tolerance) {
  if (X.rows() != op.rows() || X.cols() != op.cols())
    throw InputError("kkt_residual: X is " + std::to_string(X.rows()) + " x " + std::to_string(X.cols()) +
                     ", the operator measures " + std::to_string(op.rows()) + " x " + std::to_string(op.cols()));
  const double gap = (op.apply(X) - target).norm(), scale = target.norm();
  return {op, TangentSpace(X, rank_tolerance), scale > 0.0 ? gap / scale : gap};
}

// Every lambda0 + N xi (N spanning the null space of P_T A*) fits the tangent equation as well as
// lambda0 does; this looks among them for one with ||P_T⊥(A* lambda)||_2 <= 1, by alternating
// projections between that affine set of complement parts and a spectral-norm ball. Returns the
// lambda with the smallest spectral norm seen.
Vector spread_certificate(const Conditions& conditions, const Vector& lambda0, const Matrix& null_space) {
  const TangentSpace& tangent = conditions.tangent;
  const Matrix W0 = tangent.project_complement(conditions.op.adjoint(lambda0));
  Matrix directions(W0.size(), null_space.cols());
  for (Index j = 0; j < null_space.cols(); ++j)
    directions.col(j) = flat(tangent.project_complement(conditions.op.adjoint(null_space.col(j))));
  // An orthonormal basis of the directions' span and the map from its coordinates back to lambda;
  // directions that A* annihilates (repeated measurements) do not move W and are dropped.
  const Eigen::BDCSVD<Matrix> span(directions, Eigen::ComputeThinU | Eigen::ComputeThinV);
  const Vector& s = span.singularValues();
  const Index rank = (s.array() > 1e-10 * (s.size() > 0 ? s(0) : 0.0)).count();
  const Matrix basis = span.matrixU().leftCols(rank);

  Vector coordinates = Vector::Zero(rank), best = coordinates;
  double best_norm = std::numeric_limits<double>::infinity(), checkpoint = best_norm;
  ThinSvd svd;
  for (Index k = 0; k < kMaxProjections; ++k) {
    if (k % kStallLength == 0) {
      if (best_norm > (1.0 - kStallGain) * checkpoint) break;
      checkpoint = best_norm;
    }
    Matrix W = W0;
    Eigen::Map<Vector>(W.data(), W.size()) += basis * coordinates;
    thin_svd(W, svd);
    if (svd.s(0) < best_norm) {
      best_norm = svd.s(0);
      best = coordinates;
    }
    if (best_norm <= 1.0) break;
    const Vector excess = (svd.s.array() - kAimedRadius).max(0.0);
    const Matrix capped = W - svd.U * excess.asDiagonal() * svd.V.transpose();
    coordinates = basis.transpose() * (flat(capped) - flat(W0));
  }
  return lambda0 + null_space * (span.matrixV().leftCols(rank) * s.head(rank).cwiseInverse().asDiagonal() * best);
}

}  // namespace

nlohmann::json KktResidual::to_json() const {
  return {{"value", value}, {"primal", primal}, {"tangent", tangent}, {"spectral_excess", spectral_excess}, {"rank", rank}};
}

KktEvaluator::KktEvaluator(const MeasurementOperator& op, const Vector& y, double rank_tolerance, Index dense_gram_limit)
    : op_(op), rank_tolerance_(rank_tolerance), dense_gram_limit_(dense_gram_limit), gram_(op, dense_gram_limit) {
  if (y.size() != op.measurements())
    throw InputError("kkt_residual: y has " + std::to_string(y.size()) + " entries for " +
                     std::to_string(op.measurements()) + " measurements");
  target_ = gram_.range_projection(y);
}

KktResidual KktEvaluator::operator()(const Matrix& X) const {
  const Conditions conditions = conditions_at(op_, target_, X, rank_tolerance_);
  const TangentSpace& tangent = conditions.tangent;
  if (tangent.rank() == 0) return conditions.evaluate(Vector::Zero(op_.measurements()));
  // The minimum-norm least-squares solution of P_T(A* lambda) = U V^T. With B = P_T A* its normal
  // equations read (B* B) lambda = B*(U V^T) = A(U V^T), since U V^T lies in T.
  const GramPseudoInverse restricted(
      op_.measurements(), [&](const Matrix& Z) { return op_.apply(tangent.project(Z)); },
      [&](const Vector& r) { return tangent.project(op_.adjoint(r)); }, dense_gram_limit_);
  KktResidual fit = conditions.evaluate(restricted.solve(op_.apply(tangent.sign())));
  if (fit.spectral_excess == 0.0 || restricted.null_space().cols() == 0) return fit;
  KktResidual spread = conditions.evaluate(spread_certificate(conditions, fit.lambda, restricted.null_space()));
  return spread.value < fit.value ? spread : fit;
}

KktResidual KktEvaluator::operator()(const Matrix& X, const Vector& lambda) const {
  if (lambda.size() != op_.measurements())
    throw InputError("kkt_residual: lambda has " + std::to_string(lambda.size()) + " entries for " +
                     std::to_string(op_.measurements()) + " measurements");
  return conditions_at(op_, target_, X, rank_tolerance_).evaluate(lambda);
}

KktResidual kkt_residual(const MeasurementOperator& op, const Vector& y, const Matrix& X, double rank_tolerance,
                         Index dense_gram_limit) {
  return KktEvaluator(op, y, rank_tolerance, dense_gram_limit)(X);
}

KktResidual kkt_residual(const MeasurementOperator& op, const Vector& y, const Matrix& X, const Vector& lambda,
                         double rank_tolerance, Index dense_gram_limit) {
  return KktEvaluator(op, y, rank_tolerance, dense_gram_limit)(X, lambda);
}

}  // namespace snnsense
