#include <gtest/gtest.h>

#include <string>

#include "snnsense/core/error.hpp"
#include "snnsense/core/rng.hpp"
#include "snnsense/linalg/parallel_for.hpp"
#include "snnsense/operators/completion_operator.hpp"

using namespace snnsense;

namespace {

IndexVector indices(std::initializer_list<std::int64_t> values) {
  IndexVector v(static_cast<Index>(values.size()));
  std::copy(values.begin(), values.end(), v.data());
  return v;
}

// The message must name the offending index so a user can find it in their data.
void expect_rejected(const IndexVector& rows, const IndexVector& cols, const std::string& fragment) {
  try {
    CompletionOperator(rows, cols, 3, 4);
    FAIL() << "expected InputError mentioning " << fragment;
  } catch (const InputError& error) {
    EXPECT_NE(std::string(error.what()).find(fragment), std::string::npos) << error.what();
  }
}

}  // namespace

TEST(CompletionOperator, ReadsTheSampledEntries) {
  const CompletionOperator op(indices({2, 0, 1}), indices({3, 0, 2}), 3, 4);
  Matrix X(3, 4);
  X << 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12;
  EXPECT_EQ(op.apply(X), Vector::Map(std::array{12.0, 1.0, 7.0}.data(), 3));
  EXPECT_EQ(op.row_indices(), indices({2, 0, 1}));
  EXPECT_EQ(op.col_indices(), indices({3, 0, 2}));
}

TEST(CompletionOperator, AdjointAddsTheResidualsOfARepeatedEntry) {
  const CompletionOperator op(indices({1, 0, 1}), indices({2, 0, 2}), 3, 4);
  Vector r(3);
  r << 0.25, -1.0, 2.0;
  Matrix expected = Matrix::Zero(3, 4);
  expected(1, 2) = 2.25;
  expected(0, 0) = -1.0;
  EXPECT_EQ(op.adjoint(r), expected);
}

TEST(CompletionOperator, RejectsBadIndices) {
  expect_rejected(indices({0, 3}), indices({0, 1}), "row index 3");
  expect_rejected(indices({0, 1}), indices({-1, 1}), "column index -1");
  expect_rejected(indices({0, 1}), indices({0, 4}), "column index 4");
  EXPECT_THROW(CompletionOperator(indices({0, 1}), indices({0}), 3, 4), InputError);
  EXPECT_THROW(CompletionOperator(indices({0}), indices({0}), 0, 4), InputError);
}

// Enough entries for the grouped passes to cut several chunks, so that threads share them: every
// thread count gives the same bits, and each output row sums its entries in the measurements'
// order, as a scatter over the measurements does (to rounding: contraction into FMAs may differ).
TEST(CompletionOperator, FactoredPassesAreTheSameForAnyThreadCount) {
  Rng rng(8);
  const Index n1 = 3000, n2 = 2000, m = 60000, width = 5;
  IndexVector rows(m), cols(m);
  for (Index i = 0; i < m; ++i) {
    rows(i) = static_cast<std::int64_t>(rng.below(static_cast<std::uint64_t>(n1)));
    cols(i) = static_cast<std::int64_t>(rng.below(static_cast<std::uint64_t>(n2)));
  }
  const CompletionOperator op(rows, cols, n1, n2);
  const Matrix L = rng.normal_matrix(n1, width), R = rng.normal_matrix(n2, width);
  const Vector y = rng.normal_matrix(m, 1), r = rng.normal_matrix(m, 1);

  Matrix scatter_q = Matrix::Zero(n1, width), scatter_p = Matrix::Zero(n2, width);
  for (Index i = 0; i < m; ++i) {
    scatter_q.row(rows(i)) += r(i) * R.row(cols(i));
    scatter_p.row(cols(i)) += r(i) * L.row(rows(i));
  }
  const Matrix SQ = op.adjoint_times(r, R, nullptr), StP = op.adjoint_transpose_times(r, L, nullptr);
  EXPECT_LE((SQ - scatter_q).norm(), 1e-14 * scatter_q.norm());
  EXPECT_LE((StP - scatter_p).norm(), 1e-14 * scatter_p.norm());
  const FactoredResidual one = op.factored_residual(L, R, y, 3.0, nullptr);
  for (int threads : {1, 2, 3}) {
    ParallelFor pool(threads);
    EXPECT_EQ(op.adjoint_times(r, R, &pool), SQ) << threads;
    EXPECT_EQ(op.adjoint_transpose_times(r, L, &pool), StP) << threads;
    const FactoredResidual got = op.factored_residual(L, R, y, 3.0, &pool);
    EXPECT_EQ(got.squared_norm, one.squared_norm) << threads;
    EXPECT_EQ(got.weights, one.weights) << threads;
    EXPECT_EQ(got.adjoint_times_right, one.adjoint_times_right) << threads;
  }
}
