#include <gtest/gtest.h>

#include <array>

#include "snnsense/core/error.hpp"
#include "snnsense/core/rng.hpp"
#include "snnsense/linalg/parallel_for.hpp"
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

// The fused residual and adjoint split the rows into tasks fixed by m alone: any number of
// threads gives the same bits. Row lengths 784, 15 and 3 exercise the kernel's vector tails; m
// from below one task to many.
TEST(DenseOperator, ResidualAndAdjointAreTheSameBitsForAnyThreadCount) {
  Rng rng(17);
  for (const auto& [m, n1, n2] :
       {std::array<Index, 3>{470, 28, 28}, {75, 10, 10}, {7, 5, 3}, {1000, 5, 3}, {1, 5, 3}, {40, 1, 3}}) {
    SCOPED_TRACE(::testing::Message() << "m=" << m << " n1=" << n1 << " n2=" << n2);
    const DenseOperator op(rng.normal_matrix(m, n1 * n2), n1, n2);
    const Matrix X = rng.normal_matrix(n1, n2);
    const Vector y = rng.normal_matrix(m, 1);
    Vector r1;
    Matrix G1;
    op.residual_and_adjoint(X, y, r1, G1, nullptr);
    const Vector r_ref = op.apply(X) - y;
    EXPECT_LE((r1 - r_ref).norm(), 1e-12 * r_ref.norm());
    EXPECT_LE((G1 - op.adjoint(r_ref)).norm(), 1e-12 * G1.norm());
    for (int threads : {2, 3, 4}) {
      ParallelFor pool(threads);
      Vector r;
      Matrix G;
      op.residual_and_adjoint(X, y, r, G, &pool);
      EXPECT_EQ(r, r1) << threads << " threads";
      EXPECT_EQ(G, G1) << threads << " threads";
    }
  }
}
