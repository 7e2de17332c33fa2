#include <gtest/gtest.h>

#include <string>

#include "snnsense/core/error.hpp"
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
