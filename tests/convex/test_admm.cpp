#include <gtest/gtest.h>

#include "convex_cases.hpp"
#include "snnsense/convex/gram_pseudo_inverse.hpp"
#include "snnsense/convex/solve.hpp"

using namespace snnsense;
using namespace snnsense::testing;

namespace {

SolveResult admm(const MeasurementOperator& op, const Vector& y, SolveOptions options = {}) {
  options.method = SolveMethod::admm;
  return solve(op, y, options);
}

}  // namespace

TEST(Admm, RecoversARankTwoMatrixFromSixtyGaussianMeasurements) {
  // 60 measurements of 36 degrees of freedom is near the phase transition (about half the random
  // draws recover), so the seed is fixed.
  Rng rng(0);
  const Matrix x_true = low_rank(rng, 10, 10, 2);
  const auto op = gaussian_operator(rng, 60, 10, 10);
  const SolveResult result = admm(*op, op->apply(x_true));
  ASSERT_TRUE(result.optimal()) << result.brief_report();
  EXPECT_LT(relative_gap(result.X, x_true), 1e-6);
  EXPECT_LE(result.primal_residual, 1e-8);
  EXPECT_LE(result.dual_residual, 1e-8);
  EXPECT_LT(result.kkt.value, 1e-6);
}

TEST(Admm, InterpolatesTheProjectionOfNoisyMeasurements) {
  // 150 measurements of a 12 x 10 matrix: y is not in range(A), the target is P(y).
  Rng rng(1);
  const Matrix x_true = low_rank(rng, 12, 10, 2);
  const auto op = gaussian_operator(rng, 150, 12, 10);
  const Vector y = op->apply(x_true) + 0.1 * rng.normal_matrix(150, 1);
  const SolveResult result = admm(*op, y);
  ASSERT_TRUE(result.optimal()) << result.brief_report();
  const Vector target = GramPseudoInverse(*op).range_projection(y);
  EXPECT_LT((op->apply(result.X) - target).norm(), 1e-10 * target.norm());
  EXPECT_GT((op->apply(result.X) - y).norm(), 0.1 * y.norm() / 150);
  EXPECT_LT(result.kkt.value, 1e-6);
}

TEST(Admm, CompletesALowRankMatrixFromSampledEntries) {
  // 100 of 120 entries of a rank-2 12 x 10 matrix (40 degrees of freedom).
  for (std::uint64_t seed : {0, 1, 3}) {
    Rng rng(seed);
    const Matrix x_true = low_rank(rng, 12, 10, 2);
    const auto op = completion_operator(rng, 100, 12, 10);
    const SolveResult result = admm(*op, op->apply(x_true));
    ASSERT_TRUE(result.optimal()) << result.brief_report();
    EXPECT_LT(relative_gap(result.X, x_true), 1e-6) << "seed " << seed;
  }
}

TEST(Admm, RecoversALowRankMatrixFromRankOneMeasurements) {
  for (std::uint64_t seed : {0, 1, 2}) {
    Rng rng(seed);
    const Matrix x_true = low_rank(rng, 12, 10, 2);
    const auto op = rank_one_operator(rng, 90, 12, 10);
    const SolveResult result = admm(*op, op->apply(x_true));
    ASSERT_TRUE(result.optimal()) << result.brief_report();
    EXPECT_LT(relative_gap(result.X, x_true), 1e-6) << "seed " << seed;
  }
}

TEST(Admm, ConjugateGradientsGiveTheSameSolutionAsTheFormedGram) {
  Rng rng(3);
  const Matrix x_true = low_rank(rng, 8, 7, 2);
  const auto op = gaussian_operator(rng, 40, 8, 7);
  const Vector y = op->apply(x_true) + 0.01 * rng.normal_matrix(40, 1);
  const SolveResult formed = admm(*op, y);
  SolveOptions matrix_free;
  matrix_free.dense_gram_limit = 0;
  const SolveResult iterative = admm(*op, y, matrix_free);
  ASSERT_TRUE(formed.optimal());
  ASSERT_TRUE(iterative.optimal()) << iterative.brief_report();
  EXPECT_LT(relative_gap(iterative.X, formed.X), 1e-7);
  EXPECT_NEAR(iterative.nuclear_norm, formed.nuclear_norm, 1e-9 * formed.nuclear_norm);
}

TEST(Admm, ZeroMeasurementsGiveZero) {
  Rng rng(4);
  const auto op = gaussian_operator(rng, 10, 4, 4);
  const SolveResult result = admm(*op, Vector::Zero(10));
  EXPECT_TRUE(result.optimal());
  EXPECT_EQ(result.X.norm(), 0.0);
}

TEST(Admm, AnIterationCapIsNeverReportedAsOptimal) {
  Rng rng(0);
  const Matrix x_true = low_rank(rng, 10, 10, 2);
  const auto op = gaussian_operator(rng, 60, 10, 10);
  SolveOptions options;
  options.max_iterations = 5;
  const SolveResult result = admm(*op, op->apply(x_true), options);
  EXPECT_EQ(result.status, SolveStatus::iteration_cap);
  EXPECT_FALSE(result.optimal());
  EXPECT_EQ(result.iterations, 5);
  EXPECT_NE(result.brief_report().find("iteration_cap"), std::string::npos);
  EXPECT_EQ(result.to_json()["status"], "iteration_cap");
}
