#include <gtest/gtest.h>

#include "convex_cases.hpp"
#include "snnsense/convex/sparse_plus_low_rank.hpp"
#include "snnsense/linalg/svd/thin_svd.hpp"

using namespace snnsense;
using namespace snnsense::testing;

namespace {

struct Case {
  std::shared_ptr<CompletionOperator> op;
  Vector s;
  Matrix left, right;
  Matrix dense;  // A*(s) + left right^T
};

Case make_case(Index n1, Index n2, std::uint64_t seed) {
  Rng rng(seed);
  auto op = completion_operator(rng, n1 * n2 / 3, n1, n2);
  const Vector s = rng.normal_matrix(op->measurements(), 1).col(0);
  const Matrix left = rng.normal_matrix(n1, 2), right = rng.normal_matrix(n2, 2);
  return {op, s, left, right, op->adjoint(s) + left * right.transpose()};
}

}  // namespace

TEST(SparsePlusLowRank, ProductsMatchTheDenseMatrix) {
  const Case c = make_case(12, 9, 1);
  const SparsePlusLowRank Z(*c.op, c.s, c.left, c.right);
  Rng rng(2);
  const Matrix V = rng.normal_matrix(9, 3), U = rng.normal_matrix(12, 3);
  EXPECT_LT((Z.times(V) - c.dense * V).norm(), 1e-12 * (c.dense * V).norm());
  EXPECT_LT((Z.transpose_times(U) - c.dense.transpose() * U).norm(), 1e-12 * (c.dense.transpose() * U).norm());
}

// Both ways to the eigenpairs (Lanczos for few singular values, the dense Gram matrix for many) on
// tall and wide matrices give the leading singular triplets of the dense matrix.
TEST(SparsePlusLowRank, TruncatedSvdMatchesTheDenseSvd) {
  for (const auto& [n1, n2] : {std::pair<Index, Index>{60, 40}, std::pair<Index, Index>{40, 60}}) {
    const Case c = make_case(n1, n2, 3);
    const SparsePlusLowRank Z(*c.op, c.s, c.left, c.right);
    const ThinSvd reference = thin_svd(c.dense);
    for (Index k : {Index{4}, Index{25}}) {  // 2k + 1 <= 40: Lanczos; above: dense Gram
      SCOPED_TRACE(std::to_string(n1) + " x " + std::to_string(n2) + ", k = " + std::to_string(k));
      const TruncatedSvd svd = Z.truncated_svd(k, 7);
      ASSERT_EQ(svd.s.size(), k);
      EXPECT_LT((svd.s - reference.s.head(k)).norm(), 1e-10 * reference.s(0));
      // The rank-k reconstruction equals the dense one (singular vectors up to sign).
      const Matrix mine = svd.U * svd.s.asDiagonal() * svd.V.transpose();
      const Matrix theirs = reference.U.leftCols(k) * reference.s.head(k).asDiagonal() * reference.V.leftCols(k).transpose();
      EXPECT_LT((mine - theirs).norm(), 1e-8 * theirs.norm());
    }
  }
}

TEST(SparsePlusLowRank, TheZeroMatrixHasZeroSingularValues) {
  Rng rng(4);
  const auto op = completion_operator(rng, 30, 10, 8);
  const SparsePlusLowRank Z(*op, Vector::Zero(30), Matrix(10, 0), Matrix(8, 0));
  const TruncatedSvd svd = Z.truncated_svd(2, 0);
  ASSERT_EQ(svd.s.size(), 2);
  EXPECT_EQ(svd.s.norm(), 0.0);
}
