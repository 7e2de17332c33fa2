#pragma once
// One cyclic sweep of one-sided Jacobi over a group's columns, and the squared column norms it
// keeps up to date. The definitions carry SNNSENSE_AVX2_CLONE (simd.hpp), the declarations not:
// a caller then calls the one function that picks its clone, not clones of its own.
#include "snnsense/linalg/svd/detail/lane_group.hpp"

namespace snnsense::svd_detail {

// One cyclic sweep of one-sided Jacobi over the k columns of `a` (`rows` entries each as stored),
// applying every rotation to the columns of `w` (`w_rows` entries each as stored) as well, in
// every lane. `d` holds the squared column norms and is kept up to date. Pairs of columns whose
// squared norms are both at most `null2` are left alone: their directions are rounding noise,
// fixed up afterwards. Counts in `rotations` the pairs with a cosine above sqrt(tol2), lane by
// lane: a lane with none has columns orthogonal to working precision.
void sweep(Layout layout, Lanes* a, Index rows, Lanes* w, Index w_rows, Index k, Lanes* d, const Lanes& null2,
           double tol2, Mask& rotations);

// d[j] = squared norm of column j, in every lane.
void column_norms(Layout layout, const Lanes* a, Index rows, Index k, Lanes* d);

}  // namespace snnsense::svd_detail
