#include "snnsense/linalg/svd/detail/jacobi_sweep.hpp"

#include <cstdint>

#include "snnsense/linalg/svd/detail/jacobi_rotation.hpp"

namespace snnsense::svd_detail {

// One function for both layouts, not one instance each: the compiler's choice of which product
// to fuse into a multiply-add can differ between instances, and then so would the bits.
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

SNNSENSE_AVX2_CLONE void column_norms(Layout layout, const Lanes* a, Index rows, Index k, Lanes* d) {
  for (Index j = 0; j < k; ++j) dot(layout, a + j * rows, a + j * rows, rows, d[j]);
}

}  // namespace snnsense::svd_detail
