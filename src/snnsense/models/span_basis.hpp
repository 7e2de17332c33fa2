#pragma once
// An orthonormal basis that contains the span of a thin matrix's columns: the factored SNN
// (docs/science.md §6) writes every matrix of its network as P C Q^T with P and Q such bases for
// [U_1 .. U_d1] and [V_1 .. V_d1].
#include "snnsense/core/types.hpp"

namespace snnsense {

struct SpanBasis {
  Matrix basis;        // n x min(n, c), orthonormal columns
  Matrix coordinates;  // min(n, c) x c: basis^T M, with M = basis * coordinates
};

// For the n x c matrix M: the Q of a Householder QR of M with its columns scaled to unit norm (so
// that a block 1e-12 times smaller than the others lies in the span to working precision of its
// own size, not of theirs), rotated within its span to the orthonormal basis closest to `previous`
// when that is given (same shape), and M's coordinates in it.
//
// The columns beyond M's rank (identical blocks, as at an identity-like initialisation eps [I_r; 0],
// span r dimensions, not d r) are kept: any orthonormal superset of the span serves the algebra,
// and a fixed width keeps the cores' shapes, their warm-started SVDs and the estimate's count of
// singular values the same from step to step (the first step away from such a start fills the
// d r dimensions anyway).
//
// The rotation is the orthogonal Procrustes solution O = polar factor of basis^T previous. A fresh
// QR of a slowly moving M still flips signs and turns from step to step; aligned, the bases move
// as little as the spans do, and so do the cores, whose warm-started SVDs then start from nearly
// the right vectors. The coordinates come from the QR's triangular factor (O^T R, scaled back),
// without another product with an n-row matrix.
SpanBasis span_basis(Eigen::Ref<const Matrix> M, const Matrix* previous);

}  // namespace snnsense
