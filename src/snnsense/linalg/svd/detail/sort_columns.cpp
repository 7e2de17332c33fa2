#include "snnsense/linalg/svd/detail/sort_columns.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <numeric>
#include <vector>

#include "snnsense/linalg/svd/detail/warm_start.hpp"

namespace snnsense::svd_detail {

namespace {

// Makes the `null` (numerically zero) columns of `a` unit vectors orthogonal to all others,
// given that the other columns are unit vectors already: each null column is orthogonalised
// against every accepted column (twice, which gives orthogonality to working precision), and
// replaced by a coordinate vector when nothing of it survives. Its singular value becomes its
// component along the new direction, so the residual stays below the column's own, negligible
// norm.
void complete_null_columns(Matrix& a, const std::vector<bool>& null, Vector& s) {
  std::vector<Index> accepted;
  for (Index j = 0; j < a.cols(); ++j)
    if (!null[static_cast<std::size_t>(j)]) accepted.push_back(j);
  Vector raw, v;
  for (Index j = 0; j < a.cols(); ++j) {
    if (!null[static_cast<std::size_t>(j)]) continue;
    raw = a.col(j);
    for (Index candidate = -1; candidate < a.rows(); ++candidate) {
      v = candidate < 0 ? raw : Vector::Unit(a.rows(), candidate);
      const double before = v.norm();
      if (!(before > 0.0)) continue;
      for (int pass = 0; pass < 2; ++pass)
        for (Index c : accepted) v -= a.col(c).dot(v) * a.col(c);
      if (v.norm() > 0.5 * before) break;
    }
    v.normalize();
    const double along = v.dot(raw);
    a.col(j) = along < 0.0 ? Vector(-v) : v;
    s(j) = std::abs(along);
    accepted.push_back(j);
  }
}

}  // namespace

bool sort_columns(const Matrix& Q, ThinSvd& svd, WarmSvdState& state, const Group& g, Index rows, int member,
                  double null2) {
  const int lane = g.lane(member);
  const Index k = state.w.cols();
  Vector& d = state.norms;
  d.resize(k);
  bool any_null = false;
  for (Index j = 0; j < k; ++j) {
    d(j) = g.d[j][lane];
    any_null = any_null || d(j) <= null2;
  }
  Matrix& columns = state.a;
  if (any_null) {
    std::vector<bool> null(static_cast<std::size_t>(k));
    for (Index j = 0; j < k; ++j) {
      null[static_cast<std::size_t>(j)] = d(j) <= null2;
      d(j) = std::sqrt(d(j));
      const double scale = null[static_cast<std::size_t>(j)] ? 1.0 : 1.0 / d(j);
      for (Index r = 0; r < rows; ++r) columns(r, j) = g.entry(g.a, g.a_rows, r, j, member) * scale;
    }
    complete_null_columns(columns, null, d);
  } else {
    d = d.cwiseSqrt();
  }
  state.order.resize(static_cast<std::size_t>(k));
  std::iota(state.order.begin(), state.order.end(), Index{0});
  std::stable_sort(state.order.begin(), state.order.end(), [&d](Index x, Index y) { return d(x) > d(y); });
  state.position.resize(static_cast<std::size_t>(k));
  state.inverse_norms.resize(k);
  for (Index c = 0; c < k; ++c) {
    const Index from = state.order[static_cast<std::size_t>(c)];
    state.position[static_cast<std::size_t>(from)] = c;
    svd.s(c) = d(from);
    state.inverse_norms(from) = 1.0 / d(from);
  }
  ++state.counters.warm_calls;
  if (!any_null) return true;
  const Factors out = factors(Q, svd);
  for (Index c = 0; c < k; ++c) {
    const Index from = state.order[static_cast<std::size_t>(c)];
    out.tall.col(c) = columns.col(from);
    for (Index r = 0; r < k; ++r) out.square(r, c) = g.entry(g.w, g.w_rows, r, from, member);
  }
  return false;
}

}  // namespace snnsense::svd_detail
