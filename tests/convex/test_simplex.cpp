#include <gtest/gtest.h>

#include <limits>
#include <vector>

#include "snnsense/convex/simplex.hpp"
#include "snnsense/core/rng.hpp"

using namespace snnsense;

namespace {

// The optimum of a linear programme sits at a vertex: the best feasible basic solution over all
// r-column subsets, found by brute force.
double brute_force_optimum(const Matrix& M, const Vector& b, const Vector& c) {
  const Index r = M.rows(), n = M.cols();
  double best = std::numeric_limits<double>::infinity();
  std::vector<Index> subset(r);
  const auto visit = [&](auto&& self, Index start, Index depth) -> void {
    if (depth == r) {
      Matrix B(r, r);
      for (Index i = 0; i < r; ++i) B.col(i) = M.col(subset[i]);
      const Eigen::FullPivLU<Matrix> lu(B);
      if (!lu.isInvertible()) return;
      const Vector x = lu.solve(b);
      if (x.minCoeff() < -1e-12) return;
      double cost = 0.0;
      for (Index i = 0; i < r; ++i) cost += c(subset[i]) * x(i);
      best = std::min(best, cost);
      return;
    }
    for (Index j = start; j < n; ++j) {
      subset[depth] = j;
      self(self, j + 1, depth + 1);
    }
  };
  visit(visit, 0, 0);
  return best;
}

}  // namespace

TEST(Simplex, SolvesASmallProgrammeWithItsDual) {
  // minimise x1 + x2 subject to x1 + 2 x2 = 4: x = (0, 2), and the dual y = 1/2 makes x2's
  // reduced cost zero.
  const SimplexResult lp = simplex(Matrix{{1.0, 2.0}}, Vector{{4.0}}, Vector{{1.0, 1.0}}, 100);
  ASSERT_TRUE(lp.optimal);
  EXPECT_NEAR(lp.x(0), 0.0, 1e-15);
  EXPECT_NEAR(lp.x(1), 2.0, 1e-15);
  EXPECT_NEAR(lp.dual(0), 0.5, 1e-15);
}

TEST(Simplex, MatchesBruteForceOnRandomBasisPursuitProgrammes) {
  // The programmes basis pursuit builds: [C, -C] with orthonormal rows, unit costs, a right-hand
  // side of either sign (phase one flips rows).
  Rng rng(5);
  for (int trial = 0; trial < 20; ++trial) {
    const Index r = 2 + trial % 3, k = 4;
    const Eigen::HouseholderQR<Matrix> qr(rng.normal_matrix(k, r));
    const Matrix C = Matrix(qr.householderQ()).leftCols(r).transpose();
    Matrix M(r, 2 * k);
    M << C, -C;
    const Vector b = rng.normal_matrix(r, 1);
    const Vector c = Vector::Ones(2 * k);
    const SimplexResult lp = simplex(M, b, c, 1000);
    ASSERT_TRUE(lp.optimal);
    EXPECT_LT((M * lp.x - b).norm(), 1e-13);
    EXPECT_GE(lp.x.minCoeff(), 0.0);
    EXPECT_NEAR(c.dot(lp.x), brute_force_optimum(M, b, c), 1e-12);
    // Dual feasibility and strong duality certify the optimum independently of the search.
    EXPECT_LE((M.transpose() * lp.dual - c).maxCoeff(), 1e-12);
    EXPECT_NEAR(b.dot(lp.dual), c.dot(lp.x), 1e-12);
  }
}

TEST(Simplex, HandlesADegenerateVertex) {
  // b = 0 makes every basis degenerate; Bland's rule must still stop, at x = 0.
  const Matrix M{{1.0, -1.0, 1.0, -1.0}, {0.0, 1.0, 1.0, -2.0}};
  const SimplexResult lp = simplex(M, Vector::Zero(2), Vector::Ones(4), 100);
  ASSERT_TRUE(lp.optimal);
  EXPECT_EQ(lp.x.norm(), 0.0);
}

TEST(Simplex, ReportsAnExhaustedBudget) {
  Rng rng(8);
  const Matrix C = rng.normal_matrix(3, 6);
  Matrix M(3, 12);
  M << C, -C;
  const SimplexResult lp = simplex(M, rng.normal_matrix(3, 1), Vector::Ones(12), 1);
  EXPECT_FALSE(lp.optimal);
  EXPECT_EQ(lp.iterations, 1);
}
