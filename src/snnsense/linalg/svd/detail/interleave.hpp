#pragma once
// Matrices into a group's lanes (interleave) and, once decomposed, out of them into the sorted
// columns of U and V (scatter_columns, scatter_halves). Definitions carry SNNSENSE_AVX2_CLONE,
// declarations not (jacobi_sweep.hpp).
#include <array>

#include "snnsense/linalg/svd/detail/lane_group.hpp"

namespace snnsense::svd_detail {

// The group's layout of column-major matrices src[l], `columns` columns of n entries each (see
// Layout): lane l holds src[l] (standard) or lanes 2m and 2m + 1 hold src[2m]'s halves (split).
// Returns the stored column length.
Index interleave(Layout layout, const std::array<const double*, kLanes>& src, Index n, Index columns, Lanes* dst);

// Standard layout: column j of lane l of `src` (stored `stride` apart, the first n entries
// wanted, k columns) goes to column position[l][j] of the column-major dst[l], times scale[l][j]
// where scale[l] is given; lanes with a null dst are skipped. Four entries of a column at a time
// through a 4 x 4 transpose, instead of one strided load per entry.
void scatter_columns(const Lanes* src, Index stride, Index n, Index k, const std::array<double*, kLanes>& dst,
                     const std::array<const Index*, kLanes>& position, const std::array<const double*, kLanes>& scale);

// Split layout: the same for one member, entry by entry (two matrices, none of the transposes'
// four-lane structure to use): column j goes to column position[j] of tall, times scale[j], and
// of square.
void scatter_halves(const Group& g, int member, Index rows, Index k, double* tall, double* square,
                    const Index* position, const double* scale);

}  // namespace snnsense::svd_detail
