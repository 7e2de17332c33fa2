#pragma once
// An orthonormal basis that contains the span of several thin matrices' columns: the factored SNN
// (docs/science.md §6) writes every matrix of its network as P C Q^T with P and Q such bases for
// [U_1 .. U_d1] and [V_1 .. V_d1].
#include <span>

#include "snnsense/core/types.hpp"

namespace snnsense {

// The n x min(n, d r) left singular vectors of M = [B_1 .. B_d] (blocks[k] points to the n x r
// column-major B_k), whose columns are first scaled to unit norm so that a block 1e-12 times
// smaller than the others lies in the span to working precision of its own size, not of theirs.
// The columns beyond M's rank (identical blocks, as at an identity-like initialisation eps [I_r; 0],
// span r dimensions, not d r) are kept: any orthonormal superset of the span serves the algebra,
// and a fixed width keeps the cores' shapes, their warm-started SVDs and the estimate's count of
// singular values the same from step to step (the first step away from such a start fills the
// d r dimensions anyway).
Matrix span_basis(std::span<const double* const> blocks, Index n, Index r);

// Rotates `basis` within its span to the orthonormal basis closest to `previous` (same shape): the
// orthogonal Procrustes solution O = polar factor of basis^T previous, basis <- basis O. The SVD of
// a slowly moving M still flips signs and turns within clusters of singular values from step to
// step; aligned, the bases move as little as the spans do, and so do the cores, whose warm-started
// SVDs then start from nearly the right vectors.
void align_basis(Matrix& basis, const Matrix& previous);

}  // namespace snnsense
