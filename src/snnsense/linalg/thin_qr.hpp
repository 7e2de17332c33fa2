#pragma once
// Thin QR decomposition A = Q R by Householder reflections (LAPACK dgeqrf and dorgqr): for a
// p x q matrix and k = min(p, q), Q is p x k with orthonormal columns and R is k x q upper
// triangular (trapezoidal when q > p). Q's columns are orthonormal whatever A's rank, so they span
// a superset of A's column space even when A is rank-deficient.
#include "snnsense/core/types.hpp"

namespace snnsense {

struct ThinQr {
  Matrix Q;
  Matrix R;
};

// Factors A in place (pass a temporary or std::move to spare a copy). Throws NumericalError for
// non-finite input.
ThinQr thin_qr(Matrix A);

}  // namespace snnsense
