#include <gtest/gtest.h>

#include "snnsense/core/error.hpp"
#include "snnsense/core/rng.hpp"
#include "snnsense/operators/rank_one_operator.hpp"

using namespace snnsense;

TEST(RankOneOperator, KeepsItsFactors) {
  Rng rng(3);
  const Matrix a = rng.normal_matrix(4, 2), b = rng.normal_matrix(4, 5);
  const RankOneOperator op(a, b);
  EXPECT_EQ(op.left(), a);
  EXPECT_EQ(op.right(), b);
  EXPECT_EQ(op.rows(), 2);
  EXPECT_EQ(op.cols(), 5);
}

TEST(RankOneOperator, RejectsMismatchedShapes) {
  EXPECT_THROW(RankOneOperator(Matrix::Zero(4, 2), Matrix::Zero(3, 5)), InputError);
  EXPECT_THROW(RankOneOperator(Matrix::Zero(4, 0), Matrix::Zero(4, 5)), InputError);
}
