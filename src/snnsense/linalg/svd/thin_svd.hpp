#pragma once
// Thin singular value decomposition Q = U diag(s) V^T, k = min(p, q), s descending.
#include "snnsense/core/types.hpp"

namespace snnsense {

struct ThinSvd {
  Matrix U;  // p x k, orthonormal columns
  Vector s;  // k, non-negative, descending
  Matrix V;  // q x k, orthonormal columns
};

// Reuses `out`'s storage across calls: the trainer decomposes matrices of the same shapes at
// every iteration. Throws NumericalError for non-finite input or if LAPACK reports a failure (non-finite input).
void thin_svd(const Matrix& Q, ThinSvd& out);
ThinSvd thin_svd(const Matrix& Q);

}  // namespace snnsense
