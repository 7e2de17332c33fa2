#pragma once
// How far X is from satisfying the optimality (KKT) conditions of
//
//     minimise ||X||_*  subject to  A(X) = P(y),     P the orthogonal projection onto range(A).
//
// X is optimal exactly when it is feasible and some dual vector lambda certifies it:
// A*(lambda) = U V^T + W with U^T W = 0, W V = 0, ||W||_2 <= 1, where U, V are the singular vectors
// of X (singular values above rank_tolerance * s_max; T below is the tangent space they span).
// Three relative components measure the violation, and the residual is their maximum:
//
//   primal           ||A(X) - P(y)|| / ||P(y)||          (absolute when P(y) = 0)
//   tangent          ||P_T(A* lambda) - U V^T||_F / ||U V^T||_F   (0 when X = 0)
//   spectral_excess  max(0, ||P_T⊥(A* lambda)||_2 - 1)
//
// Without a lambda given, lambda is fitted, which works for any X (a convex solution, an SNN's or
// any model's limit), so the same number compares them all. The fit is the minimum-norm
// least-squares solution of P_T(A* lambda) = U V^T. When the measurements leave lambda freedom
// beyond that equation, the minimum-norm choice can violate ||W||_2 <= 1 even at the optimum (it
// does for generic Gaussian problems near the recovery threshold), so the fit then searches the
// other least-squares solutions, lambda + null(P_T A*), for one that keeps ||W||_2 <= 1 (see
// kkt_residual.cpp; only while A A* is formed, up to dense_gram_limit measurements). A residual of
// zero certifies optimality; a positive one bounds how far X is from being certified, to the
// accuracy of a bounded search.
#include <nlohmann/json.hpp>

#include "snnsense/convex/gram_pseudo_inverse.hpp"
#include "snnsense/operators/measurement_operator.hpp"

namespace snnsense {

inline constexpr double kDefaultRankTolerance = 1e-6;

struct KktResidual {
  double primal = 0.0;
  double tangent = 0.0;
  double spectral_excess = 0.0;
  double value = 0.0;  // the maximum of the three
  Index rank = 0;      // dimension of U and V
  Vector lambda;       // the dual vector the components were evaluated with

  nlohmann::json to_json() const;  // without lambda
};

// Checks any number of matrices against one problem, forming (A A*)^+ and P(y) once.
class KktEvaluator {
 public:
  KktEvaluator(const MeasurementOperator& op, const Vector& y, double rank_tolerance = kDefaultRankTolerance,
               Index dense_gram_limit = kDenseGramLimit);

  // With a fitted lambda.
  KktResidual operator()(const Matrix& X) const;
  // With a dual vector of the caller's (a solver's own certificate).
  KktResidual operator()(const Matrix& X, const Vector& lambda) const;

 private:
  const MeasurementOperator& op_;
  double rank_tolerance_;
  Index dense_gram_limit_;
  GramPseudoInverse gram_;
  Vector target_;  // P(y)
};

// One-off forms of the above.
KktResidual kkt_residual(const MeasurementOperator& op, const Vector& y, const Matrix& X,
                         double rank_tolerance = kDefaultRankTolerance, Index dense_gram_limit = kDenseGramLimit);
KktResidual kkt_residual(const MeasurementOperator& op, const Vector& y, const Matrix& X, const Vector& lambda,
                         double rank_tolerance = kDefaultRankTolerance, Index dense_gram_limit = kDenseGramLimit);

}  // namespace snnsense
