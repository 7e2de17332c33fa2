// Both forms of an estimate answer the same questions with the same numbers.
#include <gtest/gtest.h>

#include "snnsense/core/error.hpp"
#include "snnsense/core/rng.hpp"
#include "snnsense/models/estimate.hpp"

using namespace snnsense;

namespace {

double relative_gap(const Matrix& a, const Matrix& b) { return (a - b).norm() / b.norm(); }

struct Pair {
  Matrix X;
  FactoredEstimate factored;
  DenseEstimate dense;
};

Pair random_pair(Index n1, Index n2, Index rank, std::uint64_t seed) {
  Rng rng(seed);
  const Matrix L = rng.normal_matrix(n1, rank), R = rng.normal_matrix(n2, rank);
  const Matrix X = L * R.transpose();
  return {X, FactoredEstimate::from_factors(L, R), DenseEstimate(X)};
}

}  // namespace

TEST(Estimate, FactoredFormHasOrthonormalBasesAndTheSameMatrix) {
  const Pair p = random_pair(9, 7, 3, 1);
  const FactoredForm& f = *p.factored.factored_form();
  EXPECT_LE((f.P.transpose() * f.P - Matrix::Identity(3, 3)).norm(), 1e-13);
  EXPECT_LE((f.Q.transpose() * f.Q - Matrix::Identity(3, 3)).norm(), 1e-13);
  EXPECT_LE(relative_gap(p.factored.dense(), p.X), 1e-13);
  EXPECT_EQ(p.factored.dense_form(), nullptr);
  EXPECT_EQ(p.dense.factored_form(), nullptr);
  ASSERT_NE(p.dense.dense_form(), nullptr);
  EXPECT_EQ(*p.dense.dense_form(), p.X);
}

TEST(Estimate, BothFormsAnswerTheSameQuestions) {
  const Pair p = random_pair(9, 7, 3, 2);
  Rng rng(5);
  const Matrix M = rng.normal_matrix(9, 7);
  EXPECT_LE((p.factored.singular_values() - p.dense.singular_values().head(3)).norm(), 1e-12 * p.X.norm());
  EXPECT_LE(p.dense.singular_values().tail(4).norm(), 1e-12 * p.X.norm());  // rank 3
  const std::vector<Index> rows{0, 8, 4, 4}, cols{6, 0, 3, 3};
  EXPECT_LE((p.factored.entries(rows, cols) - p.dense.entries(rows, cols)).norm(), 1e-12 * p.X.norm());
  EXPECT_DOUBLE_EQ(p.dense.entries(rows, cols)(1), p.X(8, 0));
  EXPECT_NEAR(p.factored.squared_norm(), p.X.squaredNorm(), 1e-12 * p.X.squaredNorm());
  EXPECT_NEAR(p.factored.squared_distance(M), (p.X - M).squaredNorm(), 1e-12 * (p.X - M).squaredNorm());
  EXPECT_DOUBLE_EQ(p.dense.squared_distance(M), (p.X - M).squaredNorm());
  const Matrix phi = rng.orthogonal(9).leftCols(4), psi = rng.orthogonal(7).leftCols(4);
  EXPECT_LE(relative_gap(p.factored.in_basis(phi, psi), phi.transpose() * p.X * psi), 1e-12);
  EXPECT_TRUE(p.factored.all_finite());
}

TEST(Estimate, SquaredDistanceKeepsItsDigitsNearTheTruth) {
  // The distance from X to X + 1e-9 E: an expansion ||X||^2 - 2<X, M> + ||M||^2 would cancel to
  // round-off; the block-wise difference keeps it.
  const Pair p = random_pair(70, 130, 2, 3);  // more columns than one block
  Rng rng(9);
  const Matrix E = 1e-9 * rng.normal_matrix(70, 130);
  EXPECT_NEAR(p.factored.squared_distance(p.X + E), E.squaredNorm(), 1e-6 * E.squaredNorm());
}

TEST(Estimate, DistanceToAFactoredMatrixIsTheDenseDistance) {
  const Pair p = random_pair(70, 130, 3, 4);  // more columns than one block
  Rng rng(11);
  const LowRankFactors M{rng.normal_matrix(70, 2), rng.normal_matrix(130, 2)};
  const double expected = (p.X - M.left * M.right.transpose()).squaredNorm();
  EXPECT_NEAR(p.factored.squared_distance(M), expected, 1e-12 * expected);
  EXPECT_NEAR(p.dense.squared_distance(M), expected, 1e-12 * expected);
  EXPECT_NEAR(M.squared_norm(), (M.left * M.right.transpose()).squaredNorm(), 1e-12 * expected);
  // Near the truth: X* = X + 1e-9 L2 R2^T keeps its digits, as the dense distance does.
  const FactoredForm& f = *p.factored.factored_form();
  const LowRankFactors shifted{(Matrix(70, 5) << f.left, 1e-9 * M.left).finished(),
                               (Matrix(130, 5) << f.Q, M.right).finished()};
  const double tiny = 1e-18 * (M.left * M.right.transpose()).squaredNorm();
  EXPECT_NEAR(p.factored.squared_distance(shifted), tiny, 1e-6 * tiny);
  EXPECT_THROW(p.factored.squared_distance(LowRankFactors{rng.normal_matrix(70, 2), rng.normal_matrix(129, 2)}),
               InputError);
  EXPECT_THROW(p.dense.squared_distance(LowRankFactors{rng.normal_matrix(70, 2), rng.normal_matrix(130, 3)}),
               InputError);
}

TEST(Estimate, ANonFiniteFactorIsReported) {
  Matrix L = Matrix::Ones(5, 1), R = Matrix::Ones(4, 1);
  R(2, 0) = std::numeric_limits<double>::infinity();
  const FactoredEstimate e(Matrix::Identity(5, 1), Matrix::Ones(1, 1), R);
  EXPECT_FALSE(e.all_finite());
  EXPECT_TRUE(FactoredEstimate(Matrix::Identity(5, 1), Matrix::Ones(1, 1), Matrix::Identity(4, 1)).all_finite());
}

TEST(Estimate, DenseMatrixOfAHugeFactoredEstimateIsRefusedBeforeAllocation) {
  // 10^5 x 10^5 doubles would take 80 GB; the factors take 1.6 MB.
  const Index n = 100000;
  const FactoredEstimate e(Matrix::Identity(n, 1), Matrix::Ones(1, 1), Matrix::Identity(n, 1));
  try {
    (void)e.dense();
    FAIL() << "dense() formed a 10^5 x 10^5 matrix";
  } catch (const InputError& error) {
    EXPECT_NE(std::string(error.what()).find("100000 x 100000"), std::string::npos) << error.what();
  }
  EXPECT_DOUBLE_EQ(e.squared_norm(), 1.0);
  EXPECT_DOUBLE_EQ(e.entries(std::vector<Index>{0, 1}, std::vector<Index>{0, 0})(0), 1.0);
}

TEST(Estimate, ShapeMistakesAreInputErrors) {
  EXPECT_THROW(FactoredEstimate(Matrix::Identity(5, 2), Matrix::Ones(1, 1), Matrix::Identity(4, 1)), InputError);
  EXPECT_THROW(FactoredEstimate::from_factors(Matrix::Ones(5, 2), Matrix::Ones(4, 3)), InputError);
  const Pair p = random_pair(5, 4, 2, 4);
  EXPECT_THROW(p.factored.entries(std::vector<Index>{5}, std::vector<Index>{0}), InputError);
  EXPECT_THROW(p.dense.entries(std::vector<Index>{0, 1}, std::vector<Index>{0}), InputError);
  EXPECT_THROW(p.factored.squared_distance(Matrix::Ones(4, 5)), InputError);
}
