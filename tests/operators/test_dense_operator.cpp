#include <gtest/gtest.h>

#include "snnsense/core/error.hpp"
#include "snnsense/core/rng.hpp"
#include "snnsense/operators/dense_operator.hpp"

using namespace snnsense;

// numpy: y = A @ X.ravel() and A*(r) = (A.T @ r).reshape(n1, n2), written out index by index.
TEST(DenseOperator, FollowsNumpyCOrder) {
  Rng rng(5);
  const Index m = 6, n1 = 3, n2 = 4;
  const RowMatrix A = rng.normal_matrix(m, n1 * n2);
  const Matrix X = rng.normal_matrix(n1, n2);
  const Vector r = rng.normal_matrix(m, 1);
  const DenseOperator op(A, n1, n2);

  Vector y = Vector::Zero(m);
  Matrix back = Matrix::Zero(n1, n2);
  for (Index i = 0; i < m; ++i)
    for (Index p = 0; p < n1; ++p)
      for (Index q = 0; q < n2; ++q) {
        y(i) += A(i, p * n2 + q) * X(p, q);
        back(p, q) += A(i, p * n2 + q) * r(i);
      }
  EXPECT_LE((op.apply(X) - y).norm(), 1e-12 * y.norm());
  EXPECT_LE((op.adjoint(r) - back).norm(), 1e-12 * back.norm());
  EXPECT_EQ(op.matrix(), A);
  EXPECT_EQ(op.dense(), A);
}

TEST(DenseOperator, RejectsMismatchedShapes) {
  EXPECT_THROW(DenseOperator(RowMatrix::Zero(5, 11), 3, 4), InputError);
  EXPECT_THROW(DenseOperator(RowMatrix::Zero(5, 12), 4, 4), InputError);
  EXPECT_THROW(DenseOperator(RowMatrix::Zero(5, 6), -2, -3), InputError);
  EXPECT_THROW(DenseOperator(RowMatrix::Zero(5, 0), 0, 4), InputError);
}
