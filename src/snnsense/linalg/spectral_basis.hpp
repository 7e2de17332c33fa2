#pragma once
// The shared singular vectors of a well-specified problem: every A_i = Phi diag(a_i) Psi^T.
// Spectral initialisation and the invariance diagnostics are stated in this basis.
#include "snnsense/core/types.hpp"

namespace snnsense {

struct SpectralBasis {
  Matrix phi;  // n1 x k, orthonormal columns
  Matrix psi;  // n2 x k, orthonormal columns
};

}  // namespace snnsense
