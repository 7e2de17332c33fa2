#include <gtest/gtest.h>

#include "convex_cases.hpp"
#include "snnsense/convex/gram_pseudo_inverse.hpp"

using namespace snnsense;
using namespace snnsense::testing;

namespace {

Matrix gram_matrix(const MeasurementOperator& op) {
  const RowMatrix A = op.dense();
  return A * A.transpose();
}

}  // namespace

TEST(GramPseudoInverse, InvertsAFullRankGram) {
  Rng rng(1);
  const auto op = gaussian_operator(rng, 20, 5, 6);
  const GramPseudoInverse gram(*op);
  ASSERT_TRUE(gram.formed());
  const Vector r = rng.normal_matrix(20, 1);
  EXPECT_LT((gram_matrix(*op) * gram.solve(r) - r).norm(), 1e-12 * r.norm());
  EXPECT_LT((gram.range_projection(r) - r).norm(), 1e-12 * r.norm());
  EXPECT_EQ(gram.null_space().cols(), 0);
}

TEST(GramPseudoInverse, ProjectsOntoTheRangeOfARankDeficientOperator) {
  // 40 measurements of a 5 x 6 matrix: range(A) has dimension 30, so y has a part to drop.
  Rng rng(2);
  const auto op = gaussian_operator(rng, 40, 5, 6);
  const GramPseudoInverse gram(*op);
  const Vector y = rng.normal_matrix(40, 1);
  const Vector projected = gram.range_projection(y);
  // The projection is A(X_ls) for the least-squares X_ls, and its remainder is orthogonal to range(A).
  const RowMatrix A = op->dense();
  const Vector least_squares = A.completeOrthogonalDecomposition().solve(y);
  EXPECT_LT((projected - A * least_squares).norm(), 1e-12 * y.norm());
  EXPECT_EQ(gram.null_space().cols(), 10);
  EXPECT_LT((gram_matrix(*op) * gram.null_space()).norm(), 1e-10 * gram_matrix(*op).norm());
}

TEST(GramPseudoInverse, HandlesRepeatedCompletionEntries) {
  // Entry (0, 0) observed twice: G = A A* has a 2 x 2 block of ones, rank one.
  const CompletionOperator op(IndexVector{{0, 0, 1}}, IndexVector{{0, 0, 2}}, 2, 3);
  const GramPseudoInverse gram(op);
  EXPECT_TRUE(gram.range_projection(Vector{{1.0, 3.0, 5.0}}).isApprox(Vector{{2.0, 2.0, 5.0}}, 1e-14));
  EXPECT_TRUE(gram.solve(Vector{{2.0, 2.0, 5.0}}).isApprox(Vector{{1.0, 1.0, 5.0}}, 1e-14));
}

TEST(GramPseudoInverse, ConjugateGradientsMatchTheFormedMatrix) {
  Rng rng(3);
  for (const OperatorPtr& op : {OperatorPtr(gaussian_operator(rng, 25, 4, 5)), OperatorPtr(rank_one_operator(rng, 30, 4, 5)),
                                OperatorPtr(completion_operator(rng, 12, 4, 5))}) {
    const GramPseudoInverse formed(*op), iterative(*op, 0);
    ASSERT_FALSE(iterative.formed());
    const Vector y = rng.normal_matrix(op->measurements(), 1);
    const Vector projected = formed.range_projection(y);
    EXPECT_LT((iterative.range_projection(y) - projected).norm(), 1e-10 * y.norm()) << to_string(op->kind());
    EXPECT_LT((iterative.solve(projected) - formed.solve(projected)).norm(), 1e-9 * formed.solve(projected).norm())
        << to_string(op->kind());
  }
}
