#include <gtest/gtest.h>

#include "convex_cases.hpp"
#include "snnsense/convex/solve.hpp"
#include "snnsense/linalg/svd/thin_svd.hpp"

using namespace snnsense;
using namespace snnsense::testing;

namespace {

struct Instance {
  std::shared_ptr<DenseOperator> op;
  Vector y;
  double lambda_max;  // ||A*(y)||_2: X = 0 solves the penalised problem for every lambda above it
};

Instance recoverable_instance() {
  Rng rng(0);
  const Matrix x_true = low_rank(rng, 10, 10, 2);
  const auto op = gaussian_operator(rng, 60, 10, 10);
  const Vector y = op->apply(x_true);
  return {op, y, thin_svd(op->adjoint(y)).s(0)};
}

SolveResult apg(const Instance& instance, double lambda) {
  SolveOptions options;
  options.method = SolveMethod::apg;
  options.lambda = lambda;
  return solve(*instance.op, instance.y, options);
}

}  // namespace

TEST(Apg, ApproachesTheEqualitySolutionAsLambdaShrinks) {
  const Instance instance = recoverable_instance();
  const SolveResult equality = solve(*instance.op, instance.y, {});
  double previous_gap = 1.0;
  for (double fraction : {1e-2, 1e-4, 1e-6}) {
    const SolveResult result = apg(instance, fraction * instance.lambda_max);
    ASSERT_TRUE(result.optimal()) << result.brief_report();
    const double gap = relative_gap(result.X, equality.X);
    EXPECT_LT(gap, 0.5 * previous_gap) << "lambda = " << fraction << " lambda_max";
    previous_gap = gap;
  }
  EXPECT_LT(previous_gap, 1e-4);
}

TEST(Apg, SatisfiesThePenalisedOptimalityConditions) {
  // -grad = A*(y - A(X)) must be lambda times a subgradient of ||.||_* at X: lambda in the result is
  // (y - A(X)) / lambda, so it certifies X for the equality problem up to the primal residual.
  const Instance instance = recoverable_instance();
  const SolveResult result = apg(instance, 1e-3 * instance.lambda_max);
  ASSERT_TRUE(result.optimal());
  const KktResidual certificate = kkt_residual(*instance.op, instance.y, result.X, result.lambda);
  EXPECT_LT(certificate.tangent, 1e-6);
  EXPECT_EQ(certificate.spectral_excess, 0.0);
  EXPECT_GT(certificate.primal, 1e-4);  // the penalty shrinks X away from interpolation
}

TEST(Apg, ALambdaAboveTheDualNormGivesZero) {
  const Instance instance = recoverable_instance();
  const SolveResult result = apg(instance, 1.01 * instance.lambda_max);
  EXPECT_TRUE(result.optimal());
  EXPECT_EQ(result.X.norm(), 0.0);
  EXPECT_DOUBLE_EQ(result.objective, 0.5 * instance.y.squaredNorm());
}

TEST(Apg, AnIterationCapIsNeverReportedAsOptimal) {
  const Instance instance = recoverable_instance();
  SolveOptions options;
  options.method = SolveMethod::apg;
  options.lambda = 1e-4 * instance.lambda_max;
  options.max_iterations = 10;
  const SolveResult result = solve(*instance.op, instance.y, options);
  EXPECT_EQ(result.status, SolveStatus::iteration_cap);
  EXPECT_EQ(result.iterations, 10);
}
