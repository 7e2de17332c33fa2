#include <gtest/gtest.h>

#include "snnsense/core/rng.hpp"

using namespace snnsense;

TEST(Rng, SameSeedSameDraws) {
  Rng a(42), b(42);
  EXPECT_EQ(a.normal_matrix(3, 4), b.normal_matrix(3, 4));
  Rng c(43);
  EXPECT_NE(a.uniform_matrix(2, 2), c.uniform_matrix(2, 2));
}

TEST(Rng, NormalMomentsAreStandard) {
  Rng rng(7);
  const int n = 200000;
  double sum = 0, sq = 0;
  for (int i = 0; i < n; ++i) {
    const double x = rng.normal();
    sum += x;
    sq += x * x;
  }
  EXPECT_NEAR(sum / n, 0.0, 0.01);
  EXPECT_NEAR(sq / n, 1.0, 0.01);
}

TEST(Rng, OrthogonalIsOrthogonal) {
  Rng rng(3);
  const Matrix q = rng.orthogonal(6);
  EXPECT_LT((q.transpose() * q - Matrix::Identity(6, 6)).norm(), 1e-12);
}

TEST(Rng, BelowStaysInRange) {
  Rng rng(1);
  for (int i = 0; i < 1000; ++i) EXPECT_LT(rng.below(7), 7u);
}
