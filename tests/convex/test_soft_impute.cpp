#include <gtest/gtest.h>

#include <numeric>

#include "../core/input_error_message.hpp"
#include "convex_cases.hpp"
#include "snnsense/convex/soft_impute.hpp"
#include "snnsense/convex/solve.hpp"
#include "snnsense/linalg/svd/thin_svd.hpp"

using namespace snnsense;
using namespace snnsense::testing;

namespace {

// An n1 x n2 rank-`rank` matrix observed at a `fraction` of its entries (distinct), plus noise of
// standard deviation `noise`; the first `train` observations train, the rest are held out.
struct Instance {
  Problem problem;
  Matrix x_true;
};

Instance completion_instance(std::uint64_t seed, Index n1, Index n2, Index rank, double fraction, double noise,
                             double train_fraction) {
  Rng rng(seed);
  const Matrix x_true = low_rank(rng, n1, n2, rank);
  const auto m = static_cast<Index>(fraction * static_cast<double>(n1 * n2));
  const auto all = completion_operator(rng, m, n1, n2);
  const Vector y = all->apply(x_true) + noise * rng.normal_matrix(m, 1).col(0);
  Problem problem = split_measurements(all, y, static_cast<Index>(train_fraction * static_cast<double>(m)));
  problem.x_true = x_true;
  return {std::move(problem), x_true};
}

SoftImputeOptions fixed_lambda(double lambda) {
  SoftImputeOptions options;
  options.lambdas = {lambda};
  options.tolerance = 1e-13;
  options.max_iterations = 20000;
  return options;
}

SolveResult apg(const Problem& problem, double lambda) {
  SolveOptions options;
  options.method = SolveMethod::apg;
  options.lambda = lambda;
  options.tolerance = 1e-12;
  options.max_iterations = 200000;
  return solve(*problem.train_operator, problem.train_y, options);
}

Matrix dense(const SoftImputeResult& result) { return result.left * result.right.transpose(); }

double lambda_max_of(const Problem& problem) {
  return thin_svd(problem.train_operator->adjoint(problem.train_y)).s(0);
}

std::string soft_impute_error(const Problem& problem, const SoftImputeOptions& options) {
  return check::input_error_message([&] { solve_soft_impute(problem, options); });
}

}  // namespace

// Both solve min 1/2 ||A(X) - y||^2 + lambda ||X||_* with the unscaled sum of squares (not the
// trainer's 1/(2m)), so at one lambda they must find the same minimiser and objective.
TEST(SoftImpute, AgreesWithApgAtAFixedLambda) {
  const Instance instance = completion_instance(1, 30, 25, 3, 0.5, 0.1, 1.0);
  const double lambda = 0.05 * lambda_max_of(instance.problem);
  const SoftImputeResult si = solve_soft_impute(instance.problem, fixed_lambda(lambda));
  ASSERT_EQ(si.path.size(), 1u);
  ASSERT_TRUE(si.path[0].converged) << si.brief_report();
  EXPECT_EQ(si.step, 1.0);  // distinct entries
  const SolveResult reference = apg(instance.problem, lambda);
  ASSERT_TRUE(reference.optimal()) << reference.brief_report();
  EXPECT_LT(relative_gap(dense(si), reference.X), 1e-7);
  EXPECT_NEAR(si.path[0].objective, reference.objective, 1e-10 * reference.objective);
  EXPECT_NEAR(si.path[0].nuclear_norm, reference.nuclear_norm, 1e-8 * reference.nuclear_norm);
  const Vector s = thin_svd(reference.X).s;
  EXPECT_EQ(si.path[0].rank, (s.array() > 1e-6 * s(0)).count());
  EXPECT_GT(si.path[0].rank, 0);
}

// Entries observed twice make ||A||^2 = 2: the step becomes 1/2 and the threshold lambda/2, and
// the fixed point is still the minimiser apg finds.
TEST(SoftImpute, RepeatedEntriesHalveTheStepAndKeepTheMinimiser) {
  Rng rng(2);
  const Matrix x_true = low_rank(rng, 20, 15, 2);
  const auto once = completion_operator(rng, 120, 20, 15);
  IndexVector rows(240), cols(240);
  rows << once->row_indices(), once->row_indices();
  cols << once->col_indices(), once->col_indices();
  const auto twice = std::make_shared<CompletionOperator>(rows, cols, 20, 15);
  const Vector y = twice->apply(x_true) + 0.1 * rng.normal_matrix(240, 1).col(0);
  const Problem problem = split_measurements(twice, y, 240);
  const double lambda = 0.1 * lambda_max_of(problem);
  const SoftImputeResult si = solve_soft_impute(problem, fixed_lambda(lambda));
  ASSERT_TRUE(si.path[0].converged) << si.brief_report();
  EXPECT_EQ(si.step, 0.5);
  const SolveResult reference = apg(problem, lambda);
  ASSERT_TRUE(reference.optimal()) << reference.brief_report();
  EXPECT_LT(relative_gap(dense(si), reference.X), 1e-7);
  EXPECT_NEAR(si.path[0].objective, reference.objective, 1e-10 * reference.objective);
}

// Optimality of the penalised problem: G = A*(y - A(X)) must be lambda times a subgradient of the
// nuclear norm at X = U S V^T, i.e. P_T(G) = lambda U V^T on the tangent space of X and
// ||P_T-complement(G)||_2 <= lambda off it.
TEST(SoftImpute, SatisfiesTheSubgradientCondition) {
  const Instance instance = completion_instance(3, 30, 25, 3, 0.5, 0.1, 1.0);
  const MeasurementOperator& op = *instance.problem.train_operator;
  for (double fraction : {0.3, 0.05}) {
    const double lambda = fraction * lambda_max_of(instance.problem);
    const SoftImputeResult si = solve_soft_impute(instance.problem, fixed_lambda(lambda));
    ASSERT_TRUE(si.path[0].converged) << si.brief_report();
    const Matrix X = dense(si);
    const Index rank = si.path[0].rank;
    ASSERT_GT(rank, 0);
    const ThinSvd svd = thin_svd(X);
    const Matrix U = svd.U.leftCols(rank), V = svd.V.leftCols(rank);
    const Matrix G = op.adjoint(instance.problem.train_y - op.apply(X));
    const Matrix PU = U * U.transpose(), PV = V * V.transpose();
    const Matrix off = G - PU * G - G * PV + PU * G * PV;  // P_T-complement(G)
    const Matrix on = G - off;
    EXPECT_LT((on - lambda * U * V.transpose()).norm(), 1e-7 * lambda * std::sqrt(static_cast<double>(rank)))
        << "lambda = " << fraction << " lambda_max";
    EXPECT_LE(thin_svd(off).s(0), lambda * (1.0 + 1e-8));
    EXPECT_NEAR(thin_svd(G).s(0), lambda, 1e-8 * lambda);  // the spectral norm is attained on the support
  }
}

TEST(SoftImpute, TheHeldOutBestLambdaRecoversANoiselessLowRankMatrix) {
  const Instance instance = completion_instance(4, 80, 60, 3, 0.5, 0.0, 0.9);
  SoftImputeOptions options;
  options.path_length = 15;
  options.path_ratio = 1e-4;
  const SoftImputeResult si = solve_soft_impute(instance.problem, options);
  ASSERT_EQ(si.path.size(), 15u);
  EXPECT_NEAR(si.path.front().lambda, lambda_max_of(instance.problem), 1e-8 * si.lambda_max);
  EXPECT_EQ(si.path.front().rank, 0);  // X = 0 at lambda_max
  for (const SoftImputePoint& p : si.path) {
    ASSERT_TRUE(p.test_rmse.has_value());
    EXPECT_GE(*p.test_rmse, *si.best_point().test_rmse);
  }
  // Numerically rank 3: at the small lambdas the tolerance on the relative change stops the
  // iteration while tiny spurious singular values remain above the threshold.
  const Vector s = thin_svd(dense(si)).s;
  EXPECT_GT(s(2), 0.1 * s(0));
  EXPECT_LT(s(3), 1e-3 * s(0));
  const double error = (dense(si) - instance.x_true).norm() / instance.x_true.norm();
  EXPECT_LT(error, 1e-2) << si.brief_report();
  EXPECT_LT(*si.best_point().test_rmse, 1e-2 * *si.path.front().test_rmse);
  // The factors become a factored estimate with the same matrix.
  const FactoredEstimate estimate = si.estimate();
  EXPECT_NEAR(std::sqrt(estimate.squared_distance(instance.x_true)) / instance.x_true.norm(), error, 1e-12);
}

TEST(SoftImpute, WithoutHeldOutEntriesTheLastLambdaIsTheAnswer) {
  const Instance instance = completion_instance(5, 30, 25, 2, 0.5, 0.0, 1.0);
  SoftImputeOptions options;
  options.lambdas = {1.0, 0.5, 0.1};
  const SoftImputeResult si = solve_soft_impute(instance.problem, options);
  ASSERT_EQ(si.path.size(), 3u);
  EXPECT_EQ(si.best, 2);
  EXPECT_FALSE(si.path[2].test_rmse.has_value());
  EXPECT_LT(si.path[2].train_rmse, si.path[0].train_rmse);
}

TEST(SoftImpute, TheRankCapIsReported) {
  const Instance instance = completion_instance(6, 30, 25, 6, 0.6, 0.0, 1.0);
  SoftImputeOptions options = fixed_lambda(1e-3 * lambda_max_of(instance.problem));
  options.max_rank = 2;
  options.max_iterations = 50;
  const SoftImputeResult si = solve_soft_impute(instance.problem, options);
  EXPECT_TRUE(si.path[0].rank_capped);
  EXPECT_EQ(si.path[0].rank, 2);
  EXPECT_FALSE(si.converged());
}

TEST(SoftImpute, RefusesNonCompletionProblemsAndBadOptionsNamingThem) {
  Rng rng(7);
  const auto gaussian = gaussian_operator(rng, 20, 5, 4);
  const Problem dense_problem = split_measurements(gaussian, rng.normal_matrix(20, 1).col(0), 20);
  EXPECT_NE(soft_impute_error(dense_problem, {}).find("--method: soft-impute needs a completion problem"),
            std::string::npos);

  const Problem problem = completion_instance(8, 10, 8, 2, 0.5, 0.0, 1.0).problem;
  const auto expect = [&](SoftImputeOptions options, const std::string& text) {
    const std::string message = soft_impute_error(problem, options);
    EXPECT_NE(message.find(text), std::string::npos) << "message: " << message;
  };
  SoftImputeOptions o;
  o.lambdas = {-1.0};
  expect(o, "--lambdas: each lambda must be a positive number");
  o.lambdas = {1.0, 2.0};
  expect(o, "--lambdas: must decrease strictly");
  o = {};
  o.path_ratio = 0.0;
  expect(o, "--path-ratio");
  o = {};
  o.path_length = 0;
  expect(o, "--path-length");
  o = {};
  o.max_rank = 0;
  expect(o, "--max-rank");
  o = {};
  o.tolerance = 1.0;
  expect(o, "--tol");
  o = {};
  o.max_iterations = 0;
  expect(o, "--max-iters");
  o = {};
  o.lambda_max = -2.0;
  expect(o, "--lambda-max");
  o = {};
  o.memory_limit_bytes = 100.0;
  expect(o, "--max-rank: soft-impute on 10 x 8");
  Problem zero = problem;
  zero.train_y.setZero();
  EXPECT_NE(soft_impute_error(zero, {}).find("--lambda-max: the training measurements are all zero"), std::string::npos);
}
