#include <gtest/gtest.h>

#include "convex_cases.hpp"
#include "snnsense/convex/gram_pseudo_inverse.hpp"
#include "snnsense/convex/kkt_residual.hpp"
#include "snnsense/convex/solve.hpp"

using namespace snnsense;
using namespace snnsense::testing;

namespace {

struct Instance {
  std::shared_ptr<DenseOperator> op;
  Matrix x_true;
  Vector y;
};

// Noiseless Gaussian measurements that recover a rank-2 matrix (seeds checked to recover).
Instance recoverable(std::uint64_t seed) {
  Rng rng(seed);
  Matrix x_true = low_rank(rng, 10, 10, 2);
  auto op = gaussian_operator(rng, 60, 10, 10);
  Vector y = op->apply(x_true);
  return {op, x_true, y};
}

}  // namespace

TEST(KktResidual, IsTinyAtTheOptimum) {
  // Some of these optima are not certified by the minimum-norm least-squares lambda (its
  // complement part has spectral norm up to 1.5): the spread over the remaining freedom must
  // find the certificate.
  for (std::uint64_t seed : {0, 1, 2, 9}) {
    const Instance instance = recoverable(seed);
    const KktResidual kkt = kkt_residual(*instance.op, instance.y, instance.x_true);
    EXPECT_LT(kkt.value, 1e-10) << "seed " << seed;
    EXPECT_EQ(kkt.rank, 2);
    EXPECT_EQ(kkt.spectral_excess, 0.0);
  }
}

TEST(KktResidual, IsLargeAtTheMinimumFrobeniusInterpolant) {
  // Gradient descent on X from zero converges to A*(G^+ y): it interpolates, but nothing biases it
  // to low rank, and no dual vector certifies it.
  const Instance instance = recoverable(0);
  const Matrix least_norm = instance.op->adjoint(GramPseudoInverse(*instance.op).solve(instance.y));
  const KktResidual kkt = kkt_residual(*instance.op, instance.y, least_norm);
  EXPECT_LT(kkt.primal, 1e-12);
  EXPECT_GT(kkt.value, 0.1);
}

TEST(KktResidual, MeasuresInfeasibilityInThePrimalComponent) {
  const Instance instance = recoverable(0);
  const KktResidual kkt = kkt_residual(*instance.op, instance.y, 1.01 * instance.x_true);
  EXPECT_NEAR(kkt.primal, 0.01, 1e-12);
  EXPECT_LT(kkt.tangent, 1e-10);  // same singular vectors as the optimum, so the same certificate
  EXPECT_DOUBLE_EQ(kkt.value, kkt.primal);
}

TEST(KktResidual, TheZeroMatrixIsOptimalOnlyForZeroMeasurements) {
  const Instance instance = recoverable(0);
  const Matrix zero = Matrix::Zero(10, 10);
  EXPECT_DOUBLE_EQ(kkt_residual(*instance.op, instance.y, zero).value, 1.0);
  EXPECT_EQ(kkt_residual(*instance.op, Vector::Zero(60), zero).value, 0.0);
}

TEST(KktResidual, EvaluatesAGivenCertificate) {
  // The solver's own dual vector certifies its solution to about its tolerance.
  const Instance instance = recoverable(1);
  const SolveResult result = solve(*instance.op, instance.y, {});
  const KktResidual own = kkt_residual(*instance.op, instance.y, result.X, result.lambda);
  EXPECT_LT(own.value, 1e-6);
  EXPECT_EQ(own.lambda, result.lambda);
  // A wrong one does not.
  EXPECT_GT(kkt_residual(*instance.op, instance.y, result.X, Vector(-result.lambda)).value, 1.0);
}

TEST(KktResidual, OneEvaluatorChecksSeveralMatrices) {
  const Instance instance = recoverable(2);
  const KktEvaluator evaluate(*instance.op, instance.y);
  EXPECT_LT(evaluate(instance.x_true).value, 1e-10);
  EXPECT_GT(evaluate(2.0 * instance.x_true).value, 0.5);
}

TEST(KktResidual, RejectsMismatchedShapes) {
  const Instance instance = recoverable(0);
  EXPECT_THROW(kkt_residual(*instance.op, instance.y, Matrix::Zero(10, 9)), InputError);
  EXPECT_THROW(kkt_residual(*instance.op, Vector::Zero(59), instance.x_true), InputError);
  EXPECT_THROW(kkt_residual(*instance.op, instance.y, instance.x_true, Vector::Zero(3)), InputError);
}
