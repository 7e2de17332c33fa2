#include "snnsense/operators/dense_operator.hpp"

#include <algorithm>
#include <string>
#include <utility>

#include "snnsense/core/error.hpp"
#include "snnsense/linalg/blas.hpp"
#include "snnsense/linalg/parallel_for.hpp"
#include "snnsense/linalg/residual_rows.hpp"
#include "snnsense/operators/argument_checks.hpp"

namespace snnsense {

namespace {

// The fused residual and adjoint split the rows into at most this many tasks. The split depends
// on m alone, never on the thread count, and the tasks' partial adjoints are added in task
// order: the result is the same bits for any number of threads.
constexpr Index kMaxTasks = 16;
constexpr Index kMinRowsPerTask = 32;

}  // namespace

DenseOperator::DenseOperator(RowMatrix A, Index n1, Index n2) : A_(std::move(A)), n1_(n1), n2_(n2) {
  check_matrix_shape(n1_, n2_);
  if (A_.cols() != n1_ * n2_)
    throw InputError("dense operator has " + std::to_string(A_.cols()) + " columns, expected n1*n2 = " +
                     std::to_string(n1_ * n2_));
}

// The row-major m x N matrix A is, to the BLAS, the column-major N x m matrix A^T.

Vector DenseOperator::apply(const Matrix& X) const {
  check_apply_argument(*this, X);
  // A row-major copy of X is vec(X) in C order.
  const RowMatrix x = X;
  Vector y(A_.rows());
  blas::gemv(blas::Op::transpose, A_.cols(), A_.rows(), A_.data(), A_.cols(), x.data(), y.data());
  return y;
}

Matrix DenseOperator::adjoint(const Vector& r) const {
  check_adjoint_argument(*this, r);
  RowMatrix g(n1_, n2_);
  blas::gemv(blas::Op::none, A_.cols(), A_.rows(), A_.data(), A_.cols(), r.data(), g.data());
  return g;
}

void DenseOperator::residual_and_adjoint(const Matrix& X, const Vector& y, Vector& r, Matrix& G,
                                         ParallelFor* pool) const {
  check_apply_argument(*this, X);
  check_residual_argument(*this, y);
  const Index m = A_.rows(), N = A_.cols();
  const RowMatrix x = X;
  r.resize(m);
  const Index tasks = std::clamp<Index>(m / kMinRowsPerTask, 1, kMaxTasks);
  Matrix partial(N, tasks);
  auto task = [&](Index t) {
    const Index begin = t * m / tasks, end = (t + 1) * m / tasks;
    partial.col(t).setZero();
    residual_rows(A_.data() + begin * N, end - begin, N, x.data(), y.data() + begin, r.data() + begin,
                  partial.col(t).data());
  };
  if (pool)
    pool->run(tasks, task);
  else
    for (Index t = 0; t < tasks; ++t) task(t);
  for (Index t = 1; t < tasks; ++t) partial.col(0) += partial.col(t);
  G = Eigen::Map<const RowMatrix>(partial.col(0).data(), n1_, n2_);
}

OperatorPtr DenseOperator::subset(std::span<const Index> indices) const {
  check_measurement_indices(indices, measurements());
  return std::make_shared<DenseOperator>(A_(indices, Eigen::all), n1_, n2_);
}

}  // namespace snnsense
