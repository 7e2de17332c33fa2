#pragma once
// One random instance of each operator, and each A_i rebuilt by hand from the operator's own
// parameters: the independent reference the contract tests hold apply, adjoint and dense() against.
#include <gtest/gtest.h>

#include <algorithm>
#include <array>

#include "snnsense/core/rng.hpp"
#include "snnsense/operators/completion_operator.hpp"
#include "snnsense/operators/dense_operator.hpp"
#include "snnsense/operators/rank_one_operator.hpp"
#include "snnsense/operators/spectral_operator.hpp"

namespace snnsense::testing {

struct Shape {
  Index m, n1, n2;
};

// Square and rectangular matrices, with fewer and with more measurements than n1*n2 unknowns.
inline constexpr std::array<Shape, 4> kShapes{{{7, 3, 5}, {40, 4, 3}, {5, 4, 4}, {30, 6, 2}}};

// numpy's X.ravel(): entry (p, q) at p * n2 + q.
inline Eigen::RowVectorXd vec_c(const Matrix& X) {
  Eigen::RowVectorXd v(X.size());
  for (Index p = 0; p < X.rows(); ++p)
    for (Index q = 0; q < X.cols(); ++q) v(p * X.cols() + q) = X(p, q);
  return v;
}

// ||a - b|| <= tol * max(||a||, ||b||), printing both sides on failure.
template <class A, class B>
::testing::AssertionResult relatively_close(const A& a, const B& b, double tol = 1e-12) {
  const double gap = (a - b).norm(), scale = std::max(a.norm(), b.norm());
  if (gap <= tol * scale) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "relative gap " << gap / scale << " > " << tol << "\n" << a << "\nvs\n" << b;
}

struct DenseCase {
  using Operator = DenseOperator;
  static constexpr OperatorKind kind = OperatorKind::dense;
  static Operator make(Rng& rng, Shape s) { return {rng.normal_matrix(s.m, s.n1 * s.n2), s.n1, s.n2}; }
  static Matrix component(const Operator& op, Index i) {
    Matrix A(op.rows(), op.cols());
    for (Index p = 0; p < op.rows(); ++p)
      for (Index q = 0; q < op.cols(); ++q) A(p, q) = op.matrix()(i, p * op.cols() + q);
    return A;
  }
};

struct SpectralCase {
  using Operator = SpectralOperator;
  static constexpr OperatorKind kind = OperatorKind::spectral;
  static Operator make(Rng& rng, Shape s) {
    const Index k = std::min(s.n1, s.n2);
    return {rng.orthogonal(s.n1).leftCols(k), rng.orthogonal(s.n2).leftCols(k), rng.normal_matrix(s.m, k)};
  }
  static Matrix component(const Operator& op, Index i) {
    Matrix A = Matrix::Zero(op.rows(), op.cols());
    for (Index j = 0; j < op.phi().cols(); ++j)
      A += op.coefficients()(i, j) * op.phi().col(j) * op.psi().col(j).transpose();
    return A;
  }
};

struct CompletionCase {
  using Operator = CompletionOperator;
  static constexpr OperatorKind kind = OperatorKind::completion;
  // With m > n1*n2 some entries are necessarily sampled twice, which the adjoint must accumulate.
  static Operator make(Rng& rng, Shape s) {
    IndexVector rows(s.m), cols(s.m);
    for (Index i = 0; i < s.m; ++i) {
      rows(i) = static_cast<std::int64_t>(rng.below(static_cast<std::uint64_t>(s.n1)));
      cols(i) = static_cast<std::int64_t>(rng.below(static_cast<std::uint64_t>(s.n2)));
    }
    return {rows, cols, s.n1, s.n2};
  }
  static Matrix component(const Operator& op, Index i) {
    Matrix A = Matrix::Zero(op.rows(), op.cols());
    A(op.row_indices()(i), op.col_indices()(i)) = 1.0;
    return A;
  }
};

struct RankOneCase {
  using Operator = RankOneOperator;
  static constexpr OperatorKind kind = OperatorKind::rank_one;
  static Operator make(Rng& rng, Shape s) { return {rng.normal_matrix(s.m, s.n1), rng.normal_matrix(s.m, s.n2)}; }
  static Matrix component(const Operator& op, Index i) {
    return op.left().row(i).transpose() * op.right().row(i);
  }
};

}  // namespace snnsense::testing
