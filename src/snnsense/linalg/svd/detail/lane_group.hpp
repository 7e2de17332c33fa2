#pragma once
// How a group holds its matrices in the lanes, and the column sums every part of the sweep takes
// over them.
#include <cstddef>

#include "snnsense/linalg/svd/detail/lanes.hpp"

namespace snnsense::svd_detail {

// standard: four matrices, one per lane, each column whole. split: two matrices, each column cut
// in halves over two neighbouring lanes (rows [0, h) in lane 2m, rows [h, n) in lane 2m + 1,
// zero-padded to h), so that a sweep's loops run over half the rows: a group of two then costs
// well under a group of four instead of the same (a vector instruction costs as much however
// many lanes carry a matrix), which is what a thread holding two matrices of a layer gets.
// Columns of n entries are stored as two halves of h = ceil(n / 2) entries, the second padded
// with a zero, in both layouts (standard: one after the other, 2h per column), and every column
// sum is the sum over the first half plus the sum over the second, each taken the same way: a
// matrix gets the same bits in either layout.
enum class Layout { standard, split };

// Four partial sums so that the additions do not form one long dependency chain.
SNNSENSE_INLINE void partial_dot(const Lanes* x, const Lanes* y, Index n, Lanes& out) {
  Lanes s0 = {}, s1 = {}, s2 = {}, s3 = {};
  Index r = 0;
  for (; r + 4 <= n; r += 4) {
    s0 = madd(x[r], y[r], s0);
    s1 = madd(x[r + 1], y[r + 1], s1);
    s2 = madd(x[r + 2], y[r + 2], s2);
    s3 = madd(x[r + 3], y[r + 3], s3);
  }
  for (; r < n; ++r) s0 = madd(x[r], y[r], s0);
  out = (s0 + s2) + (s1 + s3);
}

// <x, y> over columns as the group stores them (`stored` entries: 2h whole, h split): first
// half plus second half, the standard layout's two halves in one loop (two chains of sums).
SNNSENSE_INLINE void dot(Layout layout, const Lanes* x, const Lanes* y, Index stored, Lanes& out) {
  if (layout == Layout::standard) {
    const Index h = stored / 2;
    const Lanes* xh = x + h;
    const Lanes* yh = y + h;
    Lanes s0 = {}, s1 = {}, s2 = {}, s3 = {}, t0 = {}, t1 = {}, t2 = {}, t3 = {};
    Index r = 0;
    for (; r + 4 <= h; r += 4) {
      s0 = madd(x[r], y[r], s0);
      t0 = madd(xh[r], yh[r], t0);
      s1 = madd(x[r + 1], y[r + 1], s1);
      t1 = madd(xh[r + 1], yh[r + 1], t1);
      s2 = madd(x[r + 2], y[r + 2], s2);
      t2 = madd(xh[r + 2], yh[r + 2], t2);
      s3 = madd(x[r + 3], y[r + 3], s3);
      t3 = madd(xh[r + 3], yh[r + 3], t3);
    }
    for (; r < h; ++r) {
      s0 = madd(x[r], y[r], s0);
      t0 = madd(xh[r], yh[r], t0);
    }
    out = ((s0 + s2) + (s1 + s3)) + ((t0 + t2) + (t1 + t3));
  } else {
    Lanes half;
    partial_dot(x, y, stored, half);
    out = half + __builtin_shufflevector(half, half, 1, 0, 3, 2);
  }
}

SNNSENSE_INLINE double partial_norm(const Lanes* x, Index n, int lane) {
  double s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0;
  Index r = 0;
  for (; r + 4 <= n; r += 4) {
    s0 = madd(x[r][lane], x[r][lane], s0);
    s1 = madd(x[r + 1][lane], x[r + 1][lane], s1);
    s2 = madd(x[r + 2][lane], x[r + 2][lane], s2);
    s3 = madd(x[r + 3][lane], x[r + 3][lane], s3);
  }
  for (; r < n; ++r) s0 = madd(x[r][lane], x[r][lane], s0);
  return (s0 + s2) + (s1 + s3);
}

// The squared norm of one lane's column, the same sum as dot(), when an updated norm has to be
// recomputed.
SNNSENSE_INLINE double lane_norm(Layout layout, const Lanes* x, Index n, int lane) {
  if (layout == Layout::standard) {
    const Index h = n / 2;
    return partial_norm(x, h, lane) + partial_norm(x + h, h, lane);
  } else {
    return partial_norm(x, n, lane) + partial_norm(x, n, lane ^ 1);
  }
}

// A group's columns, a_rows and w_rows entries each as stored. standard: entry (r, c) of matrix
// l is a[c * a_rows + r][l]; split: entry (r, c) of matrix m is a[c * h + r][2m] for r < h and
// a[c * h + r - h][2m + 1] beyond, with h = a_rows; the same for w.
struct Group {
  LaneBuffer a, w, d;
  Layout layout = Layout::standard;
  Index a_rows = 0, w_rows = 0;

  int lane(int member) const { return layout == Layout::standard ? member : 2 * member; }
  // Entry (r, c) of a member's matrix in `buffer`, whose columns have n entries, stored `stored`.
  double entry(const LaneBuffer& buffer, Index stored, Index r, Index c, int member) const {
    if (layout == Layout::standard) return buffer[static_cast<std::size_t>(c * stored + r)][member];
    const bool second = r >= stored;
    return buffer[static_cast<std::size_t>(c * stored + (second ? r - stored : r))][2 * member + (second ? 1 : 0)];
  }
};

}  // namespace snnsense::svd_detail
