#include "snnsense/linalg/residual_rows.hpp"

#include <algorithm>

#include "snnsense/linalg/simd.hpp"

namespace snnsense {

namespace {

SNNSENSE_INLINE double sum(const Double4& q) { return (q[0] + q[2]) + (q[1] + q[3]); }

// Rows `cur` (C of them, residuals rc) are added to g while the dot products of rows `next`
// (N of them) with x are accumulated into `dots`. Two rows at a time halve the loads and stores
// of g and the loads of x per row of A, and keep two streams of rows in flight.
template <int C, int N>
SNNSENSE_INLINE void step(const double* const* cur, const double* rc, const double* const* next, double* dots,
                          Index cols, const double* x, double* g) {
  const Index quads = cols / 4;
  const auto* xq = reinterpret_cast<const Double4*>(x);
  auto* gq = reinterpret_cast<Double4*>(g);
  Double4 s0[N > 0 ? N : 1] = {}, s1[N > 0 ? N : 1] = {};
  Index q = 0;
  for (; q + 2 <= quads; q += 2) {
    for (int n = 0; n < N; ++n) {
      const auto* nq = reinterpret_cast<const Double4*>(next[n]);
      __builtin_prefetch(next[n] + 4 * q + 256, 0, 0);
      s0[n] += nq[q] * xq[q];
      s1[n] += nq[q + 1] * xq[q + 1];
    }
    Double4 g0 = gq[q], g1 = gq[q + 1];
    for (int c = 0; c < C; ++c) {
      const auto* cq = reinterpret_cast<const Double4*>(cur[c]);
      g0 += rc[c] * cq[q];
      g1 += rc[c] * cq[q + 1];
    }
    gq[q] = g0;
    gq[q + 1] = g1;
  }
  if (q < quads) {
    for (int n = 0; n < N; ++n) s0[n] += reinterpret_cast<const Double4*>(next[n])[q] * xq[q];
    Double4 g0 = gq[q];
    for (int c = 0; c < C; ++c) g0 += rc[c] * reinterpret_cast<const Double4*>(cur[c])[q];
    gq[q] = g0;
  }
  for (int n = 0; n < N; ++n) {
    double d = sum(s0[n] + s1[n]);
    for (Index col = 4 * quads; col < cols; ++col) d += next[n][col] * x[col];
    dots[n] = d;
  }
  for (Index col = 4 * quads; col < cols; ++col)
    for (int c = 0; c < C; ++c) g[col] += rc[c] * cur[c][col];
}

}  // namespace

SNNSENSE_AVX2_CLONE void residual_rows(const double* a, Index rows, Index cols, const double* x, const double* y,
                                       double* r, double* g) {
  auto row = [&](Index i) { return a + i * cols; };
  // Rows in pairs: the residuals of pair p are complete before pair p is added to g, while the
  // dot products of pair p + 1 run. A row's dot product sums in the same order whichever call
  // computes it.
  {
    const double* first[2] = {row(0), rows > 1 ? row(1) : nullptr};
    double dots[2];
    if (rows > 1)
      step<0, 2>(nullptr, nullptr, first, dots, cols, x, g);
    else if (rows == 1)
      step<0, 1>(nullptr, nullptr, first, dots, cols, x, g);
    for (Index i = 0; i < std::min<Index>(rows, 2); ++i) r[i] = dots[i] - y[i];
  }
  for (Index i = 0; i < rows; i += 2) {
    const Index have = std::min<Index>(2, rows - i), coming = std::clamp<Index>(rows - i - 2, 0, 2);
    const double* cur[2] = {row(i), have > 1 ? row(i + 1) : nullptr};
    const double* next[2] = {coming > 0 ? row(i + 2) : nullptr, coming > 1 ? row(i + 3) : nullptr};
    double dots[2];
    if (have == 2 && coming == 2)
      step<2, 2>(cur, r + i, next, dots, cols, x, g);
    else if (have == 2 && coming == 1)
      step<2, 1>(cur, r + i, next, dots, cols, x, g);
    else if (have == 2)
      step<2, 0>(cur, r + i, next, dots, cols, x, g);
    else
      step<1, 0>(cur, r + i, next, dots, cols, x, g);
    for (Index n = 0; n < coming; ++n) r[i + 2 + n] = dots[n] - y[i + 2 + n];
  }
}

}  // namespace snnsense
