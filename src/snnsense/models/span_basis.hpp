#pragma once
// An orthonormal basis of the span of several thin matrices' columns, rank-revealing: the factored
// SNN (docs/science.md §7) writes every matrix of its network as P C Q^T with P and Q such bases
// of span[U_1 .. U_d1] and span[V_1 .. V_d1]. Rank-deficient inputs (every U_k = eps [I_r; 0] at
// an identity-like initialisation spans r dimensions, not d1 r) give fewer columns, hence smaller
// cores.
#include <span>

#include "snnsense/core/types.hpp"

namespace snnsense {

// The n x R basis of the columns of blocks[0], blocks[1], ... (each n x r, column-major, r
// columns at the given pointers). Columns are scaled to unit norm first, so that the rank decision
// sees directions, not magnitudes (a block 1e-12 times smaller than another keeps its directions);
// singular values below max(n, columns) * eps * s_max of that matrix are dropped, as LAPACK's
// rank convention does. R >= 1 even when every column is zero (any unit vector spans a superset
// of nothing), so cores are never empty.
Matrix span_basis(std::span<const double* const> blocks, Index n, Index r);

}  // namespace snnsense
