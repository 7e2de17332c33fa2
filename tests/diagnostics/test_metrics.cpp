#include <gtest/gtest.h>

#include <cmath>
#include <tuple>

#include "snnsense/core/error.hpp"
#include "snnsense/core/rng.hpp"
#include "snnsense/diagnostics/exponential_rate.hpp"
#include "snnsense/diagnostics/reconstruction_metrics.hpp"
#include "snnsense/diagnostics/run_metrics.hpp"
#include "snnsense/diagnostics/spectrum_metrics.hpp"
#include "snnsense/operators/completion_operator.hpp"
#include "snnsense/operators/dense_operator.hpp"

using namespace snnsense;

TEST(SpectrumMetrics, KnownSpectrum) {
  Rng rng(1);
  const Matrix U = rng.orthogonal(5), V = rng.orthogonal(5);
  Vector s(5);
  s << 2, 1, 1, 0, 0;
  const SpectrumMetrics m = spectrum_metrics(U * s.asDiagonal() * V.transpose());
  EXPECT_NEAR(m.nuclear_norm, 4.0, 1e-12);
  EXPECT_EQ(m.rank, 3);
  // p = (1/2, 1/4, 1/4): entropy = 1.5 log 2, effective rank = 2^1.5
  EXPECT_NEAR(m.effective_rank, std::pow(2.0, 1.5), 1e-9);
  EXPECT_EQ(spectrum_metrics(Matrix::Zero(3, 4)).rank, 0);
}

// A trained matrix is never exactly low rank: round-off and unfinished descent leave a tail far
// above machine epsilon. The rank counts singular values above kRankTolerance * s_max, so a
// low-rank matrix plus a tiny perturbation keeps its rank.
TEST(SpectrumMetrics, RankOfLowRankMatrixPlusTinyNoise) {
  Rng rng(7);
  for (const auto& [n1, n2, r] : {std::tuple<Index, Index, Index>{20, 30, 4}, {10, 10, 6}, {30, 12, 1}}) {
    const Matrix U = rng.orthogonal(n1).leftCols(r), V = rng.orthogonal(n2).leftCols(r);
    Vector s(r);
    for (Index i = 0; i < r; ++i) s(i) = std::pow(0.5, static_cast<double>(i));  // 1 .. 1/32: all counted
    const Matrix noise = 1e-8 * rng.normal_matrix(n1, n2);
    const SpectrumMetrics m = spectrum_metrics(U * s.asDiagonal() * V.transpose() + noise);
    EXPECT_EQ(m.rank, r) << n1 << " x " << n2 << ", smallest singular value " << m.singular_values.minCoeff();
  }
}

TEST(SpectrumMetrics, RankToleranceIsRelativeToTheLargestSingularValue) {
  Vector s(4);
  s << 10.0, 10.0 * kRankTolerance * 2.0, 10.0 * kRankTolerance / 2.0, 0.0;
  EXPECT_EQ(numerical_rank(s), 2);
  EXPECT_EQ(numerical_rank(1e-6 * s), 2);  // scale-free
  EXPECT_EQ(numerical_rank(s, 1e-12), 3);
  EXPECT_EQ(numerical_rank(Vector()), 0);
}

TEST(ReconstructionMetrics, RelativeErrorAndPsnr) {
  Matrix truth = Matrix::Constant(4, 4, 1.0);
  Matrix x = truth;
  x(0, 0) += 0.5;
  EXPECT_NEAR(relative_error(x, truth), 0.5 / 4.0, 1e-15);
  // In pixels (scale 10) the error is 5 in one of 16 entries: MSE = 25/16.
  EXPECT_NEAR(psnr(x, truth, 10.0), 20 * std::log10(255.0 / std::sqrt(25.0 / 16.0)), 1e-12);
}

TEST(ReconstructionMetrics, RelativeErrorToAFactoredTruthIsTheDenseOne) {
  Rng rng(4);
  const LowRankFactors truth{rng.normal_matrix(30, 2), rng.normal_matrix(20, 2)};
  const Matrix x_true = truth.left * truth.right.transpose();
  const Matrix L = rng.normal_matrix(30, 3), R = rng.normal_matrix(20, 3);
  const Matrix X = L * R.transpose();
  const double expected = relative_error(X, x_true);
  EXPECT_NEAR(relative_error(DenseEstimate(X), truth), expected, 1e-12 * expected);
  EXPECT_NEAR(relative_error(FactoredEstimate::from_factors(L, R), truth), expected, 1e-12 * expected);

  // evaluate() takes the factored truth when the problem has no dense one.
  IndexVector rows(3), cols(3);
  rows << 0, 5, 29;
  cols << 0, 7, 19;
  Problem problem = split_measurements(std::make_shared<CompletionOperator>(rows, cols, 30, 20), Vector::Zero(3), 3);
  problem.x_true_factors = truth;
  const RunMetrics m = evaluate(problem, FactoredEstimate::from_factors(L, R));
  ASSERT_TRUE(m.relative_error.has_value());
  EXPECT_NEAR(*m.relative_error, expected, 1e-12 * expected);
}

TEST(ReconstructionMetrics, OffDiagonalMassVanishesInTheBasis) {
  Rng rng(2);
  const SpectralBasis basis{rng.orthogonal(6), rng.orthogonal(6)};
  Vector d = rng.uniform_matrix(6, 1);
  const Matrix inside = basis.phi * d.asDiagonal() * basis.psi.transpose();
  EXPECT_LT(off_diagonal_mass(inside, basis), 1e-14);
  EXPECT_GT(off_diagonal_mass(rng.normal_matrix(6, 6), basis), 0.5);
}

// Residuals of entries (X - y at the observed positions) of 1, -2, 3 and 0 by hand.
TEST(ReconstructionMetrics, ResidualSummaryOfCompletionEntries) {
  Matrix X(2, 3);
  X << 1, 2, 3, 4, 5, 6;
  IndexVector rows(4), cols(4);
  rows << 0, 1, 1, 0;
  cols << 0, 0, 2, 1;
  const CompletionOperator op(rows, cols, 2, 3);
  Vector y(4);
  y << 0, 6, 3, 2;  // X entries 1, 4, 6, 2
  const ResidualSummary s = residual_summary(op, y, DenseEstimate(X));
  EXPECT_DOUBLE_EQ(s.loss, 0.5 * 14.0 / 4.0);
  EXPECT_DOUBLE_EQ(s.loss, sensing_loss(op, y, X));
  EXPECT_DOUBLE_EQ(s.rmse, std::sqrt(14.0 / 4.0));
  EXPECT_DOUBLE_EQ(s.mae, 6.0 / 4.0);
  const CompletionOperator none(IndexVector(0), IndexVector(0), 2, 3);
  EXPECT_EQ(residual_summary(none, Vector(0), DenseEstimate(X)).rmse, 0.0);
}

// RMSE and MAE are reported for completion problems (entries in the data's units), and not for
// sensing, whose measurements are not entries.
TEST(RunMetrics, EntryErrorsForCompletionOnly) {
  Matrix X(2, 3);
  X << 1, 2, 3, 4, 5, 6;
  IndexVector rows(3), cols(3);
  rows << 0, 1, 1;
  cols << 0, 0, 2;
  auto all = std::make_shared<CompletionOperator>(rows, cols, 2, 3);
  Vector y(3);
  y << 0, 6, 2;  // residuals 1, -2 (train), 4 (test)
  const Problem completion = split_measurements(all, y, 2);
  const RunMetrics m = evaluate(completion, DenseEstimate(X));
  ASSERT_TRUE(m.train_rmse && m.train_mae && m.test_rmse && m.test_mae);
  EXPECT_DOUBLE_EQ(*m.train_rmse, std::sqrt(5.0 / 2.0));
  EXPECT_DOUBLE_EQ(*m.train_mae, 1.5);
  EXPECT_DOUBLE_EQ(*m.test_rmse, 4.0);
  EXPECT_DOUBLE_EQ(*m.test_mae, 4.0);
  EXPECT_DOUBLE_EQ(m.train_loss, 0.5 * 5.0 / 2.0);
  EXPECT_EQ(m.to_json()["test_rmse"], 4.0);

  Rng rng(2);
  auto gaussian = std::make_shared<DenseOperator>(RowMatrix(rng.normal_matrix(5, 6)), 2, 3);
  const Problem sensing = split_measurements(gaussian, gaussian->apply(X), 3);
  const RunMetrics g = evaluate(sensing, DenseEstimate(X));
  EXPECT_FALSE(g.train_rmse || g.test_rmse || g.train_mae || g.test_mae);
  EXPECT_TRUE(g.to_json()["test_rmse"].is_null());
}

TEST(ExponentialRate, RecoversTheSlopeOfAnExponentialDecay) {
  std::vector<double> it, loss;
  for (int t = 0; t <= 1000; t += 10) {
    it.push_back(t);
    loss.push_back(3.0 * std::exp(-0.02 * t) * (t < 200 ? 5.0 : 1.0));  // a transient, then pure decay
  }
  const ExponentialRate r = fit_exponential_rate(it, loss, 0.5);
  EXPECT_NEAR(r.slope, -0.02, 1e-12);
  EXPECT_NEAR(r.r_squared, 1.0, 1e-12);
  EXPECT_EQ(r.first_iteration, 500);
  EXPECT_EQ(r.last_iteration, 1000);
  EXPECT_EQ(r.points, 51);
}

TEST(ExponentialRate, NoisyPlateauHasLowRSquared) {
  Rng rng(3);
  std::vector<double> it, loss;
  for (int t = 0; t < 100; ++t) {
    it.push_back(t);
    loss.push_back(1e-3 * (1.0 + 0.1 * rng.normal()));
  }
  const ExponentialRate r = fit_exponential_rate(it, loss);
  EXPECT_LT(std::abs(r.slope), 1e-2);
  EXPECT_LT(r.r_squared, 0.5);
  EXPECT_THROW(fit_exponential_rate({1, 2}, {1, 1}), InputError);
}
