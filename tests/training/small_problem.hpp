#pragma once
// A small noiseless Gaussian sensing problem built in memory, for trainer tests.
#include "snnsense/core/rng.hpp"
#include "snnsense/operators/dense_operator.hpp"
#include "snnsense/problems/problem.hpp"

namespace snnsense::check {

inline Problem small_problem(Index n = 6, Index rank = 2, Index m = 24, Index test = 10, std::uint64_t seed = 1) {
  Rng rng(seed);
  const Matrix W = rng.uniform_matrix(n, rank);
  Matrix x = W * W.transpose();
  x /= Eigen::JacobiSVD<Matrix>(x).singularValues().sum();
  auto full = std::make_shared<DenseOperator>(RowMatrix(rng.normal_matrix(m + test, n * n)), n, n);
  const Vector y = full->apply(x);
  Problem p;
  p.n1 = p.n2 = n;
  p.train_operator = full->slice(0, m);
  p.test_operator = full->slice(m, m + test);
  p.train_y = y.head(m);
  p.test_y = y.tail(test);
  p.x_true = x;
  return p;
}

}  // namespace snnsense::check
