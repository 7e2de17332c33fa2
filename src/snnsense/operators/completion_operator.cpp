#include "snnsense/operators/completion_operator.hpp"

#include <functional>
#include <string>
#include <utility>

#include "snnsense/core/error.hpp"
#include "snnsense/linalg/parallel_for.hpp"
#include "snnsense/linalg/simd.hpp"
#include "snnsense/operators/argument_checks.hpp"

namespace snnsense {

namespace {

void check_entry_indices(const IndexVector& indices, Index bound, const std::string& what) {
  for (Index i = 0; i < indices.size(); ++i)
    if (indices(i) < 0 || indices(i) >= bound)
      throw InputError("completion " + what + " index " + std::to_string(indices(i)) + " of measurement " +
                       std::to_string(i) + " outside [0, " + std::to_string(bound) + ")");
}

}  // namespace

CompletionOperator::CompletionOperator(IndexVector row_indices, IndexVector col_indices, Index n1, Index n2)
    : row_indices_(std::move(row_indices)), col_indices_(std::move(col_indices)), n1_(n1), n2_(n2) {
  check_matrix_shape(n1_, n2_);
  if (row_indices_.size() != col_indices_.size())
    throw InputError("completion operator has " + std::to_string(row_indices_.size()) + " row indices but " +
                     std::to_string(col_indices_.size()) + " column indices");
  check_entry_indices(row_indices_, n1_, "row");
  check_entry_indices(col_indices_, n2_, "column");
}

Vector CompletionOperator::apply(const Matrix& X) const {
  check_apply_argument(*this, X);
  Vector y(measurements());
  for (Index i = 0; i < measurements(); ++i) y(i) = X(row_indices_(i), col_indices_(i));
  return y;
}

Matrix CompletionOperator::adjoint(const Vector& r) const {
  check_adjoint_argument(*this, r);
  Matrix result = Matrix::Zero(n1_, n2_);
  for (Index i = 0; i < measurements(); ++i) result(row_indices_(i), col_indices_(i)) += r(i);
  return result;
}

const EntryOrder& CompletionOperator::by_row() const {
  std::call_once(by_row_built_, [this] { by_row_ = group_entries(row_indices_, col_indices_, n1_); });
  return by_row_;
}

const EntryOrder& CompletionOperator::by_col() const {
  std::call_once(by_col_built_, [this] { by_col_ = group_entries(col_indices_, row_indices_, n2_); });
  return by_col_;
}

// The factored passes read and write whole rows of n x b factors, one per entry. A column-major
// factor keeps a row's b values n doubles apart (b cache lines and, at n = 10^5, b pages per row);
// its transpose keeps them contiguous. The transposes cost O(n b), the passes O(|Omega| b).
//
// Grouped by the output's rows, a pass reads the input row of each entry at random (the one
// unavoidable cache miss, as in a CSR product) and everything else in order, except the entry's
// measurement (its weight or observed value), which it reads, and for the residual writes, by index.

namespace {

// Entries ahead whose input row and measurement are prefetched: the rows are random, so the
// processor's own prefetcher cannot guess them.
constexpr Index kPrefetchDistance = 8;

SNNSENSE_INLINE void prefetch_entry(const EntryOrder& order, Index k, const double* rows, Index b, const double* values) {
  const Index ahead = k + kPrefetchDistance;
  if (ahead >= static_cast<Index>(order.other.size())) return;
  const double* row = rows + order.other[static_cast<std::size_t>(ahead)] * b;
  for (Index line = 0; line < b; line += 8) __builtin_prefetch(row + line);
  __builtin_prefetch(values + order.measurement[static_cast<std::size_t>(ahead)]);
}

SNNSENSE_INLINE void add_scaled(double w, const double* x, double* acc, Index b) {
  for (Index k = 0; k < b; ++k) acc[k] += w * x[k];
}

// Two partial sums of four, so that the additions do not form one dependency chain.
SNNSENSE_INLINE double dot(const double* a, const double* x, Index b) {
  Double4 s0 = {}, s1 = {};
  Index k = 0;
  for (; k + 8 <= b; k += 8) {
    s0 += *reinterpret_cast<const Double4*>(a + k) * *reinterpret_cast<const Double4*>(x + k);
    s1 += *reinterpret_cast<const Double4*>(a + k + 4) * *reinterpret_cast<const Double4*>(x + k + 4);
  }
  if (k + 4 <= b) {
    s0 += *reinterpret_cast<const Double4*>(a + k) * *reinterpret_cast<const Double4*>(x + k);
    k += 4;
  }
  const Double4 s = s0 + s1;
  double sum = (s[0] + s[2]) + (s[1] + s[3]);
  for (; k < b; ++k) sum += a[k] * x[k];
  return sum;
}

// Column g of the b x groups `out`, for the groups of chunk c: the sum over group g's entries of
// w[measurement] times the column `other` of the b x n `in`.
SNNSENSE_AVX2_CLONE void adjoint_chunk(const EntryOrder& order, Index c, const double* w, const double* in, Index b,
                                       double* out) {
  for (Index g = order.chunk_start[static_cast<std::size_t>(c)]; g < order.chunk_start[static_cast<std::size_t>(c + 1)];
       ++g) {
    double* acc = out + g * b;
    for (Index k = 0; k < b; ++k) acc[k] = 0.0;
    for (Index k = order.start[static_cast<std::size_t>(g)]; k < order.start[static_cast<std::size_t>(g + 1)]; ++k) {
      prefetch_entry(order, k, in, b, w);
      const auto K = static_cast<std::size_t>(k);
      add_scaled(w[order.measurement[K]], in + order.other[K] * b, acc, b);
    }
  }
}

// adjoint_chunk with the weights made on the way: for each entry, r = <left(:, g), right(:, other)>
// - y, w = r / divisor (written to `w`), and w times the same column of `right` into out(:, g).
// Returns the chunk's sum of r^2.
SNNSENSE_AVX2_CLONE double residual_chunk(const EntryOrder& order, Index c, const double* left, const double* right,
                                          Index b, const double* y, double divisor, double* w, double* out) {
  double squares = 0.0;
  for (Index g = order.chunk_start[static_cast<std::size_t>(c)]; g < order.chunk_start[static_cast<std::size_t>(c + 1)];
       ++g) {
    const double* a = left + g * b;
    double* acc = out + g * b;
    for (Index k = 0; k < b; ++k) acc[k] = 0.0;
    for (Index k = order.start[static_cast<std::size_t>(g)]; k < order.start[static_cast<std::size_t>(g + 1)]; ++k) {
      prefetch_entry(order, k, right, b, y);
      const auto K = static_cast<std::size_t>(k);
      const Index e = order.measurement[K];
      const double* x = right + order.other[K] * b;
      const double r = dot(a, x, b) - y[e];
      squares += r * r;
      w[e] = r / divisor;
      add_scaled(w[e], x, acc, b);
    }
  }
  return squares;
}

void for_each_chunk(const EntryOrder& order, ParallelFor* pool, const std::function<void(Index)>& body) {
  if (pool && order.chunks() > 1)
    pool->run(order.chunks(), body);
  else
    for (Index c = 0; c < order.chunks(); ++c) body(c);
}

// The n x b product A*(w) in (Q n2 x b, grouped by row) or A*(w)^T in (P n1 x b, grouped by column).
Matrix adjoint_product(const EntryOrder& order, const Vector& w, const Matrix& in, ParallelFor* pool) {
  const Index b = in.cols();
  const Matrix in_rows = in.transpose();
  Matrix out_rows(b, order.groups());
  for_each_chunk(order, pool,
                 [&](Index c) { adjoint_chunk(order, c, w.data(), in_rows.data(), b, out_rows.data()); });
  return out_rows.transpose();
}

}  // namespace

Vector CompletionOperator::apply_factored(const Matrix& left, const Matrix& right) const {
  check_factor_arguments(*this, left, right);
  const Matrix left_rows = left.transpose(), right_rows = right.transpose();
  Vector y(measurements());
  for (Index i = 0; i < measurements(); ++i)
    y(i) = left_rows.col(row_indices_(i)).dot(right_rows.col(col_indices_(i)));
  return y;
}

Matrix CompletionOperator::adjoint_times(const Vector& r, const Matrix& Q, ParallelFor* pool) const {
  check_adjoint_argument(*this, r);
  check_basis_argument(Q, n2_, "Q");
  return adjoint_product(by_row(), r, Q, pool);
}

Matrix CompletionOperator::adjoint_transpose_times(const Vector& r, const Matrix& P, ParallelFor* pool) const {
  check_adjoint_argument(*this, r);
  check_basis_argument(P, n1_, "P");
  return adjoint_product(by_col(), r, P, pool);
}

FactoredResidual CompletionOperator::factored_residual(const Matrix& left, const Matrix& right, const Vector& y,
                                                       double divisor, ParallelFor* pool) const {
  check_factor_arguments(*this, left, right);
  check_residual_argument(*this, y);
  const EntryOrder& order = by_row();
  const Index b = right.cols();
  const Matrix left_rows = left.transpose(), right_rows = right.transpose();
  Matrix out_rows(b, n1_);
  FactoredResidual out;
  out.weights.resize(measurements());
  std::vector<double> squares(static_cast<std::size_t>(order.chunks()));
  for_each_chunk(order, pool, [&](Index c) {
    squares[static_cast<std::size_t>(c)] = residual_chunk(order, c, left_rows.data(), right_rows.data(), b, y.data(),
                                                          divisor, out.weights.data(), out_rows.data());
  });
  for (const double s : squares) out.squared_norm += s;
  out.adjoint_times_right = out_rows.transpose();
  return out;
}

OperatorPtr CompletionOperator::subset(std::span<const Index> indices) const {
  check_measurement_indices(indices, measurements());
  return std::make_shared<CompletionOperator>(row_indices_(indices), col_indices_(indices), n1_, n2_);
}

}  // namespace snnsense
