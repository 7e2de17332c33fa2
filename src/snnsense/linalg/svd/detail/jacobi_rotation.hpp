#pragma once
// The plane rotation of one-sided Jacobi: its angle from a 2 x 2 Gram matrix, and its
// application to a pair of columns, in every lane of a group.
#include <cstdint>
#include <limits>

#include "snnsense/linalg/svd/detail/lanes.hpp"

namespace snnsense::svd_detail {

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

}  // namespace snnsense::svd_detail
