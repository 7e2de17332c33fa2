#include "snnsense/linalg/warm_svd.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <limits>
#include <numeric>
#include <stdexcept>

#include "snnsense/core/error.hpp"
#include "snnsense/linalg/blas.hpp"
#include "snnsense/linalg/simd.hpp"

namespace snnsense {

namespace {

constexpr double kEps = std::numeric_limits<double>::epsilon();
constexpr int kLanes = static_cast<int>(kSvdLanes);

// One value per matrix of a group. The group's storage is aligned by hand (LaneBuffer), since
// the type itself only asks for a double's alignment (simd.hpp).
using Lanes = Double4;
using Mask = std::int64_t __attribute__((vector_size(kLanes * sizeof(double)), aligned(sizeof(double))));

static_assert(kLanes == 4, "kOne and the AVX2 clone assume four lanes");
constexpr Lanes kOne = {1.0, 1.0, 1.0, 1.0};

// splat and madd return four-double vectors by value, which -Wpsabi flags in builds without
// AVX (the baseline clone of a portable build); both are always inlined, so no call with that
// ABI is ever made.
#pragma GCC diagnostic ignored "-Wpsabi"

SNNSENSE_INLINE Lanes splat(double v) { return Lanes{v, v, v, v}; }

// a * b + c. This file is compiled without contraction (CMakeLists.txt): left to itself, the
// compiler fuses a multiply into an add in one place and not in another copy of the same code
// (a masked rotation, a group of another layout), and the bits of a matrix would depend on which
// matrices share its group. So every fused multiply-add is written out, the same everywhere.
SNNSENSE_INLINE Lanes madd(const Lanes& a, const Lanes& b, const Lanes& c) {
#if defined(__FMA__) && defined(__AVX2__)
  return (Lanes)_mm256_fmadd_pd((__m256d)a, (__m256d)b, (__m256d)c);
#else
  return a * b + c;
#endif
}

SNNSENSE_INLINE double madd(double a, double b, double c) {
#if defined(__FMA__) && defined(__AVX2__)
  return __builtin_fma(a, b, c);
#else
  return a * b + c;
#endif
}

// Masks hold all ones or all zeros per lane (comparison results). Built for AVX2, one
// instruction gathers their sign bits; the lane-by-lane loop costs a dozen, on every pair.
SNNSENSE_INLINE int sign_bits(const Mask& m) {
#if defined(__AVX2__)
  return _mm256_movemask_pd((__m256d)m);
#else
  int bits = 0;
  for (int l = 0; l < kLanes; ++l) bits |= (m[l] != 0 ? 1 : 0) << l;
  return bits;
#endif
}

SNNSENSE_INLINE bool any(const Mask& m) { return sign_bits(m) != 0; }

SNNSENSE_INLINE bool all(const Mask& m) { return sign_bits(m) == (1 << kLanes) - 1; }

// 1 / sqrt(x) for x >= 1, to a few ulps. GCC does not vectorise std::sqrt over the lanes, and
// one scalar root per lane would cost as much as the rest of a rotation: built for AVX2, the
// vector root instruction; otherwise a bit-trick estimate (3.4% off at worst) refined by four
// Newton steps, each squaring the relative error.
SNNSENSE_INLINE void inverse_sqrt(const Lanes& x, Lanes& y) {
#if defined(__AVX2__)
  // Correctly rounded, and a shorter chain of dependent instructions than the Newton steps,
  // which the next rotation waits for (about 4% of a Fig-3 training step).
  y = 1.0 / (Lanes)_mm256_sqrt_pd((__m256d)x);
#else
  constexpr std::int64_t kMagic = 0x5FE6EB50C7B537A9;
  y = (Lanes)(kMagic - ((Mask)x >> 1));  // vector casts reinterpret the bits
  for (int step = 0; step < 4; ++step) y = y * (1.5 - 0.5 * x * y * y);
#endif
}

// The tangent t, cosine c and sine s of the Jacobi rotation for the 2 x 2 Gram matrix
// [di g; g dj], in the lanes of `go` (t = s = 0, c = 1 in the others). The next pair's dot
// product waits for c and s, so their latency sets the pace of a sweep. Once a warm start is
// under way nearly every angle is tiny (r = g / (dj - di) of 1e-4 and less): then short series
// in r^2, good to a few parts in 1e-18 for |r| <= kSeriesLimit, replace the two divisions and two
// square roots of the general formula with one division and three independent chains of
// multiply-adds (t only updates the norms, off that path). Each lane takes the series exactly
// when its own r is small, whatever the other lanes hold: only how fast the group goes depends
// on them.
SNNSENSE_INLINE void rotation(const Lanes& g, const Lanes& di, const Lanes& dj, const Mask& go, Lanes& t, Lanes& c,
                              Lanes& s) {
  constexpr double kSeriesLimit = 4e-3;
  // The reciprocal does not wait for the dot product g, the product does.
  const Lanes r = g * (1.0 / (dj - di));
  const Lanes abs_r = (Lanes)((Mask)r & std::numeric_limits<std::int64_t>::max());
  const Mask series = abs_r <= kSeriesLimit;
  const bool exact_needed = !all(~go | series);
  // With theta = atan(2 r) / 2 (the Taylor series, to the first neglected term):
  // tan(theta) = r - r^3 + 2 r^5 - 5 r^7 + O(14 r^9),
  // cos(theta) = 1 - r^2 / 2 + 11 r^4 / 8 - 69 r^6 / 16 + O(15 r^8),
  // sin(theta) = r - 3 r^3 / 2 + 31 r^5 / 8 - 187 r^7 / 16 + O(38 r^9).
  const Lanes r2 = r * r;
  t = r * madd(r2, madd(r2, madd(splat(-5.0), r2, splat(2.0)), splat(-1.0)), kOne);
  c = madd(r2, madd(r2, madd(splat(-69.0 / 16.0), r2, splat(11.0 / 8.0)), splat(-0.5)), kOne);
  s = r * madd(r2, madd(r2, madd(splat(-187.0 / 16.0), r2, splat(31.0 / 8.0)), splat(-1.5)), kOne);
  if (exact_needed) {
    // Rutishauser's formulas: t = sign(zeta) / (|zeta| + sqrt(1 + zeta^2)), zeta = 1 / (2 r),
    // or 1 / (2 zeta) where zeta^2 would overflow; c = 1 / sqrt(1 + t^2), s = c t.
    const Lanes zeta = (dj - di) / (2.0 * g);
    const Mask sign = (Mask)zeta & std::numeric_limits<std::int64_t>::min();
    const Lanes abs_zeta = (Lanes)((Mask)zeta ^ sign);
    const Lanes unit = (Lanes)((Mask)kOne | sign);
    const Mask huge = abs_zeta > 1e150;
    const Lanes z2 = huge ? kOne : madd(zeta, zeta, kOne);
    Lanes inv_root;
    inverse_sqrt(z2, inv_root);
    const Lanes exact_t = huge ? 0.5 / zeta : unit / madd(z2, inv_root, abs_zeta);
    Lanes exact_c;
    inverse_sqrt(madd(exact_t, exact_t, kOne), exact_c);
    t = series ? t : exact_t;
    c = series ? c : exact_c;
    s = series ? s : exact_c * exact_t;
  }
  t = go ? t : Lanes{};
  c = go ? c : kOne;
  s = go ? s : Lanes{};
}

// How a group holds its matrices. standard: four matrices, one per lane, each column whole.
// split: two matrices, each column cut in halves over two neighbouring lanes (rows [0, h) in
// lane 2m, rows [h, n) in lane 2m + 1, zero-padded to h), so that a sweep's loops run over half
// the rows: a group of two costs about 60% of a group of four instead of the same (a vector
// instruction costs as much however many lanes carry a matrix). Threads get two matrices each
// in the first layer of a Fig-3 network. Columns of n entries are stored as two halves of
// h = ceil(n / 2) entries, the second padded with a zero, in both layouts (standard: one after
// the other, 2h per column), and every column sum is the sum over the first half plus the sum
// over the second, each taken the same way: a matrix gets the same bits in either layout.
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
    out = half + __builtin_shuffle(half, Mask{1, 0, 3, 2});
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

// [x y] <- [x y] [c s; -s c]
SNNSENSE_INLINE void rotate(Lanes* x, Lanes* y, Index n, const Lanes& c, const Lanes& s) {
  for (Index r = 0; r < n; ++r) {
    const Lanes xr = x[r], yr = y[r];
    x[r] = madd(c, xr, -(s * yr));
    y[r] = madd(s, xr, c * yr);
  }
}

// The same in the lanes of `go` only; the others keep their bits.
SNNSENSE_INLINE void rotate(Lanes* x, Lanes* y, Index n, const Lanes& c, const Lanes& s, const Mask& go) {
  for (Index r = 0; r < n; ++r) {
    const Lanes xr = x[r], yr = y[r];
    x[r] = go ? madd(c, xr, -(s * yr)) : xr;
    y[r] = go ? madd(s, xr, c * yr) : yr;
  }
}

// One cyclic sweep of one-sided Jacobi over the k columns of `a` (`rows` entries each as stored),
// applying every rotation to the columns of `w` (`w_rows` entries each as stored) as well, in
// every lane. `d` holds the squared column norms and is kept up to date. Pairs of columns whose
// squared norms are both at most `null2` are left alone: their directions are rounding noise,
// fixed up afterwards. Counts in `rotations` the pairs with a cosine above sqrt(tol2), lane by
// lane: a lane with none has columns orthogonal to working precision. One function for both
// layouts, not one instance each: the compiler's choice of which product to fuse into a
// multiply-add can differ between instances, and then so would the bits.
SNNSENSE_AVX2_CLONE void sweep(Layout layout, Lanes* a, Index rows, Lanes* w, Index w_rows, Index k, Lanes* d,
                               const Lanes& null2, double tol2, Mask& rotations) {
  for (Index i = 0; i + 1 < k; ++i) {
    Lanes* ai = a + i * rows;
    Lanes* wi = w + i * w_rows;
    for (Index j = i + 1; j < k; ++j) {
      Lanes* aj = a + j * rows;
      Lanes g;
      dot(layout, ai, aj, rows, g);
      const Lanes di = d[i], dj = d[j];
      const Mask go = (g * g > tol2 * di * dj) & ~((di <= null2) & (dj <= null2));
      if (!any(go)) continue;
      // The rotation that diagonalises the 2 x 2 Gram matrix [di g; g dj], the smaller of the
      // two angles: t = tan(theta) with tan(2 theta) = 2 g / (dj - di), c = cos(theta),
      // s = sin(theta). Lanes outside `go` compute garbage, replaced by no rotation.
      Lanes t, c, s;
      rotation(g, di, dj, go, t, c, s);
      if (all(go)) {
        rotate(ai, aj, rows, c, s);
        rotate(wi, w + j * w_rows, w_rows, c, s);
      } else {
        rotate(ai, aj, rows, c, s, go);
        rotate(wi, w + j * w_rows, w_rows, c, s, go);
      }
      // The exact update of the two norms; recomputed when it cancels badly. The lanes are
      // indexed through copies: indexing ni, nj, di, dj or go themselves would keep them in
      // memory for the whole sweep, a store and a reload on every pair.
      Lanes ni = madd(-t, g, di), nj = madd(t, g, dj);
      if (any(go & ~((ni > 0.25 * di) & (nj > 0.25 * dj)))) {
        double new_i[kLanes], new_j[kLanes], old_i[kLanes], old_j[kLanes];
        std::int64_t rotated[kLanes];
        *reinterpret_cast<Lanes*>(new_i) = ni;
        *reinterpret_cast<Lanes*>(new_j) = nj;
        *reinterpret_cast<Lanes*>(old_i) = di;
        *reinterpret_cast<Lanes*>(old_j) = dj;
        *reinterpret_cast<Mask*>(rotated) = go;
        for (int l = 0; l < kLanes; ++l) {
          if (!rotated[l]) continue;
          if (!(new_i[l] > 0.25 * old_i[l])) new_i[l] = lane_norm(layout, ai, rows, l);
          if (!(new_j[l] > 0.25 * old_j[l])) new_j[l] = lane_norm(layout, aj, rows, l);
        }
        ni = *reinterpret_cast<const Lanes*>(new_i);
        nj = *reinterpret_cast<const Lanes*>(new_j);
      }
      d[i] = ni;
      d[j] = nj;
      rotations -= go;  // true is -1
    }
  }
}

// n Lanes on a 32-byte boundary.
class LaneBuffer {
 public:
  void resize(std::size_t n) {
    storage_.resize(n * kLanes + kLanes);
    const auto address = reinterpret_cast<std::uintptr_t>(storage_.data());
    const std::uintptr_t aligned = (address + sizeof(Lanes) - 1) / sizeof(Lanes) * sizeof(Lanes);
    data_ = reinterpret_cast<Lanes*>(aligned);
  }
  Lanes* data() { return data_; }
  const Lanes* data() const { return data_; }
  Lanes& operator[](std::size_t i) { return data_[i]; }
  const Lanes& operator[](std::size_t i) const { return data_[i]; }

 private:
  std::vector<double> storage_;
  Lanes* data_ = nullptr;
};

// The group's layout of column-major matrices src[l], `columns` columns of n entries each (see
// Layout): lane l holds src[l] (standard) or lanes 2m and 2m + 1 hold src[2m]'s halves (split).
// Returns the stored column length.
SNNSENSE_AVX2_CLONE Index interleave(Layout layout, const std::array<const double*, kLanes>& src, Index n,
                                     Index columns, Lanes* dst) {
  const Index h = (n + 1) / 2;
  if (layout == Layout::standard) {
    for (Index j = 0; j < columns; ++j) {
      for (Index r = 0; r < n; ++r) {
        Lanes v;
        for (int l = 0; l < kLanes; ++l) v[l] = src[static_cast<std::size_t>(l)][j * n + r];
        dst[j * 2 * h + r] = v;
      }
      if (n < 2 * h) dst[j * 2 * h + n] = Lanes{};
    }
    return 2 * h;
  }
  for (Index j = 0; j < columns; ++j)
    for (Index r = 0; r < h; ++r) {
      Lanes v;
      for (int m = 0; m < 2; ++m) {
        const double* column = src[static_cast<std::size_t>(2 * m)] + j * n;
        v[2 * m] = column[r];
        v[2 * m + 1] = h + r < n ? column[h + r] : 0.0;
      }
      dst[j * h + r] = v;
    }
  return h;
}

// d[j] = squared norm of column j, in every lane.
SNNSENSE_AVX2_CLONE void column_norms(Layout layout, const Lanes* a, Index rows, Index k, Lanes* d) {
  for (Index j = 0; j < k; ++j) dot(layout, a + j * rows, a + j * rows, rows, d[j]);
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

thread_local Group group;

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

void cold(const Matrix& Q, ThinSvd& svd, WarmSvdState& state) {
  thin_svd(Q, svd);
  state.has_previous = true;
  state.calls_since_reorthogonalization = 0;
  ++state.counters.cold_calls;
}

// Whether `svd` can seed the decomposition of Q.
bool warm_start_possible(const Matrix& Q, const ThinSvd& svd, WarmSvdState& state, const WarmSvdOptions& options) {
  if (state.calls_to_skip > 0) {
    --state.calls_to_skip;
    return false;
  }
  const Index p = Q.rows(), q = Q.cols(), k = std::min(p, q);
  return state.has_previous && svd.U.rows() == p && svd.V.rows() == q && svd.s.size() == k && svd.U.cols() == k &&
         svd.V.cols() == k && k > 0 && k <= options.max_warm_size;
}

// A = op(Q) W with W the previous singular vectors on the short side (V for tall Q, U for
// wide Q), so that A has k columns to orthogonalise.
void start(const Matrix& Q, const ThinSvd& svd, WarmSvdState& state, const WarmSvdOptions& options) {
  const bool wide = Q.rows() < Q.cols();
  const Matrix& previous = wide ? svd.U : svd.V;
  if (++state.calls_since_reorthogonalization >= options.reorthogonalize_every) {
    state.gram.resize(previous.cols(), previous.cols());
    blas::gemm(previous, blas::Op::transpose, previous, blas::Op::none, state.gram);
    state.w = 1.5 * previous;
    blas::gemm(previous, blas::Op::none, state.gram, blas::Op::none, state.w, -0.5, 1.0);
    state.calls_since_reorthogonalization = 0;
    ++state.counters.reorthogonalizations;
  } else {
    state.w = previous;
  }
  // Rotations scale columns by sqrt(c^2 + s^2), which rounds to 1 + O(eps) with a bias: left
  // alone, the norms of W would drift by about 1e-14 per call.
  for (Index j = 0; j < state.w.cols(); ++j) state.w.col(j) *= 1.0 / state.w.col(j).norm();
  state.a.resize(std::max(Q.rows(), Q.cols()), state.w.cols());
  blas::gemm(Q, wide ? blas::Op::transpose : blas::Op::none, state.w, blas::Op::none, state.a);
}

// The singular vectors on Q's long side (U for tall Q, V for wide Q: what A's columns become)
// and on its short side (what the rotated basis W becomes).
struct Factors {
  Matrix& tall;
  Matrix& square;
};

Factors factors(const Matrix& Q, ThinSvd& svd) {
  const bool wide = Q.rows() < Q.cols();
  return {wide ? svd.V : svd.U, wide ? svd.U : svd.V};
}

// Standard layout: column j of lane l of `src` (stored `stride` apart, the first n entries
// wanted, k columns) goes to column position[l][j] of the column-major dst[l], times scale[l][j]
// where scale[l] is given; lanes with a null dst are skipped. Four entries of a column at a time
// through a 4 x 4 transpose, instead of one strided load per entry.
SNNSENSE_AVX2_CLONE void scatter_columns(const Lanes* src, Index stride, Index n, Index k,
                                         const std::array<double*, kLanes>& dst,
                                         const std::array<const Index*, kLanes>& position,
                                         const std::array<const double*, kLanes>& scale) {
  const Mask low = {0, 4, 2, 6}, high = {1, 5, 3, 7}, front = {0, 1, 4, 5}, back = {2, 3, 6, 7};
  for (Index j = 0; j < k; ++j) {
    const Lanes* column = src + j * stride;
    std::array<double*, kLanes> out{};
    std::array<double, kLanes> factor{};
    for (std::size_t l = 0; l < static_cast<std::size_t>(kLanes); ++l) {
      if (dst[l] == nullptr) continue;
      out[l] = dst[l] + position[l][j] * n;
      factor[l] = scale[l] ? scale[l][j] : 1.0;
    }
    Index r = 0;
    for (; r + kLanes <= n; r += kLanes) {
      const Lanes t0 = __builtin_shuffle(column[r], column[r + 1], low);
      const Lanes t1 = __builtin_shuffle(column[r], column[r + 1], high);
      const Lanes t2 = __builtin_shuffle(column[r + 2], column[r + 3], low);
      const Lanes t3 = __builtin_shuffle(column[r + 2], column[r + 3], high);
      const Lanes lane[kLanes] = {__builtin_shuffle(t0, t2, front), __builtin_shuffle(t1, t3, front),
                                  __builtin_shuffle(t0, t2, back), __builtin_shuffle(t1, t3, back)};
      for (std::size_t l = 0; l < static_cast<std::size_t>(kLanes); ++l)
        if (out[l]) *reinterpret_cast<Lanes*>(out[l] + r) = lane[l] * factor[l];
    }
    for (; r < n; ++r)
      for (std::size_t l = 0; l < static_cast<std::size_t>(kLanes); ++l)
        if (out[l]) out[l][r] = column[r][l] * factor[l];
  }
}

// Split layout: the same for one member, entry by entry (two matrices, none of the transposes'
// four-lane structure to use): column j goes to column position[j] of tall, times scale[j], and
// of square.
void scatter_halves(const Group& g, int member, Index rows, Index k, double* tall, double* square,
                    const Index* position, const double* scale) {
  for (Index j = 0; j < k; ++j) {
    const Index to = position[j];
    for (Index r = 0; r < rows; ++r) tall[to * rows + r] = g.entry(g.a, g.a_rows, r, j, member) * scale[j];
    for (Index r = 0; r < k; ++r) square[to * k + r] = g.entry(g.w, g.w_rows, r, j, member);
  }
}

// Singular values of member `member` of the group (square roots of its squared column norms) in
// descending order, and where each column goes: state.order[c] is the column of rank c,
// state.position its inverse. Columns that are numerically zero (squared norm at most null2)
// have no direction of their own; then the singular vectors are completed and written here
// too, from the lane as a matrix in state.a, and the result is false: nothing left to scatter.
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

// Jacobi on up to kLanes matrices of one shape whose warm start is possible.
void decompose_group(std::span<const Index> members, std::span<const Matrix* const> Q, std::span<ThinSvd* const> svd,
                     std::span<WarmSvdState* const> state, const WarmSvdOptions& options) {
  const Index rows = std::max(Q[members[0]]->rows(), Q[members[0]]->cols());
  const Index k = std::min(Q[members[0]]->rows(), Q[members[0]]->cols());
  group.layout = members.size() <= 2 ? Layout::split : Layout::standard;
  group.a.resize(static_cast<std::size_t>((rows + 1) * k));
  group.w.resize(static_cast<std::size_t>((k + 1) * k));
  group.d.resize(static_cast<std::size_t>(k));
  // Places beyond the members repeat the last member; their results are dropped.
  std::array<const double*, kLanes> a_in{}, w_in{};
  for (std::size_t l = 0; l < static_cast<std::size_t>(kLanes); ++l) {
    const std::size_t member = group.layout == Layout::standard ? l : l / 2;
    const WarmSvdState& s = *state[members[std::min(member, members.size() - 1)]];
    a_in[l] = s.a.data();
    w_in[l] = s.w.data();
  }
  group.a_rows = interleave(group.layout, a_in, rows, k, group.a.data());
  group.w_rows = interleave(group.layout, w_in, k, k, group.w.data());
  auto norms = [&] { column_norms(group.layout, group.a.data(), group.a_rows, k, group.d.data()); };
  norms();

  // A zero matrix has no directions at all; beyond 1e+-75 the squared norms in the cosine test
  // would overflow or underflow. dgesdd copes with both.
  Lanes null2{};
  Mask usable{};
  for (int l = 0; l < kLanes; ++l) {
    double d_max = 0.0;
    for (Index j = 0; j < k; ++j) d_max = std::max(d_max, group.d[j][l]);
    usable[l] = d_max >= 1e-150 && d_max <= 1e150 ? -1 : 0;
    // Columns at the rounding level of ||Q||: what a zero singular value leaves in A.
    null2[l] = std::pow(static_cast<double>(k) * kEps, 2) * d_max;
  }
  // LAPACK's dgesvj tolerance for the cosine between two columns, squared.
  const double tol2 = static_cast<double>(rows) * kEps * kEps;
  const std::int64_t pairs = k * (k - 1) / 2;
  Mask converged{}, failed = ~usable;
  std::vector<int> sweeps(kLanes, 0);
  for (int s = 0; s < options.max_sweeps && !all(converged | failed); ++s) {
    Mask rotations{};
    sweep(group.layout, group.a.data(), group.a_rows, group.w.data(), group.w_rows, k, group.d.data(), null2, tol2,
          rotations);
    // Columns that did not turn keep the norms they had.
    if (any(rotations != 0)) norms();
    const Mask active = ~(converged | failed);
    for (int l = 0; l < kLanes; ++l) sweeps[static_cast<std::size_t>(l)] += active[l] ? 1 : 0;
    converged |= active & (rotations == 0);
    // A good warm start has converged by its fifth sweep; one that still rotates half of the
    // pairs there is far from converging, and more sweeps would cost more than dgesdd.
    if (s >= 4) failed |= active & ~converged & (rotations > pairs / 2);
  }

  // Lanes whose columns go straight from the group's buffers into U and V (scatter_columns).
  std::array<double*, kLanes> tall{}, square{};
  std::array<const Index*, kLanes> position{};
  std::array<const double*, kLanes> scale{};
  for (std::size_t l = 0; l < members.size(); ++l) {
    const Index m = members[l];
    const int lane = group.lane(static_cast<int>(l));
    WarmSvdState& s = *state[m];
    s.counters.sweeps += sweeps[static_cast<std::size_t>(lane)];
    if (converged[lane]) {
      s.failures_in_a_row = 0;
      if (sort_columns(*Q[m], *svd[m], s, group, rows, static_cast<int>(l), null2[lane])) {
        const Factors out = factors(*Q[m], *svd[m]);
        tall[l] = out.tall.data();
        square[l] = out.square.data();
        position[l] = s.position.data();
        scale[l] = s.inverse_norms.data();
      }
    } else {
      s.failures_in_a_row = std::min(s.failures_in_a_row + 1, 3);
      s.calls_to_skip = (1 << s.failures_in_a_row) - 1;
      cold(*Q[m], *svd[m], s);
    }
  }
  if (group.layout == Layout::standard) {
    scatter_columns(group.a.data(), group.a_rows, rows, k, tall, position, scale);
    scatter_columns(group.w.data(), group.w_rows, k, k, square, position, {});
  } else {
    for (int member = 0; member < 2; ++member) {
      const auto m = static_cast<std::size_t>(member);
      if (tall[m]) scatter_halves(group, member, rows, k, tall[m], square[m], position[m], scale[m]);
    }
  }
}

}  // namespace

void warm_thin_svd(std::span<const Matrix* const> Q, std::span<ThinSvd* const> svd, std::span<WarmSvdState* const> state,
                   const WarmSvdOptions& options) {
  if (svd.size() != Q.size() || state.size() != Q.size())
    throw std::invalid_argument("warm_thin_svd: Q, svd and state differ in length");
  for (const Matrix* q : Q)
    // x * 0 is NaN exactly for infinite and NaN x: one vectorised sum instead of Eigen's
    // element-by-element allFinite.
    if (!((q->array() * 0.0).sum() == 0.0)) throw NumericalError("warm_thin_svd: matrix has non-finite entries");
  std::vector<Index> pending;
  for (std::size_t i = 0; i < Q.size(); ++i) {
    if (warm_start_possible(*Q[i], *svd[i], *state[i], options)) {
      start(*Q[i], *svd[i], *state[i], options);
      pending.push_back(static_cast<Index>(i));
    } else {
      cold(*Q[i], *svd[i], *state[i]);
    }
  }
  // Groups of one shape, in order.
  while (!pending.empty()) {
    const Index first = pending.front();
    std::vector<Index> members, rest;
    for (Index i : pending) {
      const bool same = Q[i]->rows() == Q[first]->rows() && Q[i]->cols() == Q[first]->cols();
      (same && members.size() < static_cast<std::size_t>(kLanes) ? members : rest).push_back(i);
    }
    decompose_group(members, Q, svd, state, options);
    pending = std::move(rest);
  }
}

void warm_thin_svd(const Matrix& Q, ThinSvd& svd, WarmSvdState& state, const WarmSvdOptions& options) {
  const Matrix* q = &Q;
  ThinSvd* s = &svd;
  WarmSvdState* w = &state;
  warm_thin_svd(std::span<const Matrix* const>(&q, 1), std::span<ThinSvd* const>(&s, 1),
                std::span<WarmSvdState* const>(&w, 1), options);
}

}  // namespace snnsense
