#pragma once
// The exact backward pass of sigma_f(Q) = U diag(f(s)) V^T (Chu, Ghosh, Lam, Mukherjee, ICML
// 2024, section 2), from the forward pass's SVD. With Gb = U^T G V,
//   dLoss/dQ = U (P o sym(Gb) + M o skw(Gb)) V^T + the part of G outside the span of U (tall Q)
//              or of V (wide Q), times diag(f(s) / s),
// where P and M hold the divided differences of f on the singular values,
//   P_ij = (f(s_i) - f(s_j)) / (s_i - s_j), P_ii = f'(s_i),   M_ij = (f(s_i) + f(s_j)) / (s_i + s_j).
// They are taken so that the result stays finite and accurate where singular values coincide
// (for instance at identity initialisation) or vanish, where autograd through an SVD returns NaN.
#include "snnsense/linalg/activation.hpp"
#include "snnsense/linalg/spectral_activation.hpp"

namespace snnsense {

// f(s) / s given f_s = f(s), s >= 0, tending to f'(0) as s -> 0 (f(0) = 0): the divided difference
// between a singular value and a zero one, the factor of the complement terms.
double secant_from_zero(const Activation& f, double s, double f_s);

// Given G = dLoss/dsigma_f(Q) and the cache of the forward pass of Q through f
// (SpectralActivation::forward), whose workspace it reuses, writes dLoss/dQ into `dQ`, which
// must not alias G.
void spectral_backward(const Activation& f, SpectralActivationCache& cache, const Matrix& G, Matrix& dQ);

}  // namespace snnsense
