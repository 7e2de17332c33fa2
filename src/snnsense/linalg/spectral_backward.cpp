#include "snnsense/linalg/spectral_backward.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "snnsense/linalg/blas.hpp"

namespace snnsense {

namespace {

using blas::Op;

// Below this relative gap, (f(a) - f(b)) / (a - b) is replaced by f'((a + b) / 2). The midpoint
// rule errs by about gap^2 |f'''| / 24 and the divided difference by about eps |f| / gap; a
// relative threshold of eps^(1/3) balances the two at roughly 1e-11.
constexpr double kCoincidentGap = 6e-6;

bool coincident(double a, double b) {
  return std::abs(a - b) <= kCoincidentGap * std::max(std::abs(a), std::abs(b));
}

}  // namespace

double secant_from_zero(const Activation& f, double s, double f_s) {
  return s > std::numeric_limits<double>::min() ? f_s / s : f.derivative(0.0);
}

void spectral_backward(const Activation& f, SpectralActivationCache& cache, const Matrix& G, Matrix& dQ) {
  const Matrix& U = cache.svd.U;
  const Matrix& V = cache.svd.V;
  const Vector& s = cache.svd.s;
  const Vector& fs = cache.f_of_s;
  const Index k = s.size();
  const Index p = U.rows();
  const Index q = V.rows();
  Matrix& GV = cache.gv;
  Matrix& Gb = cache.gb;
  Matrix& inner = cache.inner;

  GV.resize(p, k);
  blas::gemm(G, Op::none, V, Op::none, GV);
  Gb.resize(k, k);
  blas::gemm(U, Op::transpose, GV, Op::none, Gb);
  // P and M are symmetric, sym symmetric and skw antisymmetric: one pass over i <= j fills both
  // triangles of inner = P o sym + M o skw.
  inner.resize(k, k);
  for (Index j = 0; j < k; ++j) {
    for (Index i = 0; i <= j; ++i) {
      const double sym = 0.5 * (Gb(i, j) + Gb(j, i));
      const double skw = 0.5 * (Gb(i, j) - Gb(j, i));
      const double P = i == j                   ? f.derivative_from_value(s(i), fs(i))
                       : coincident(s(i), s(j)) ? f.derivative(0.5 * (s(i) + s(j)))
                                                : (fs(i) - fs(j)) / (s(i) - s(j));
      const double sum = s(i) + s(j);
      const double M = sum > std::numeric_limits<double>::min() ? (fs(i) + fs(j)) / sum : f.derivative(0.0);
      inner(i, j) = P * sym + M * skw;
      inner(j, i) = P * sym - M * skw;
    }
  }

  dQ.resize(p, q);
  if (p == q) {
    // dQ = U inner V^T
    cache.scaled.resize(p, k);
    blas::gemm(U, Op::none, inner, Op::none, cache.scaled);
    blas::gemm(cache.scaled, Op::none, V, Op::transpose, dQ);
    return;
  }
  Vector h(k);
  for (Index i = 0; i < k; ++i) h(i) = secant_from_zero(f, s(i), fs(i));
  if (p > q) {
    // dQ = [U inner + (I - U U^T) G V diag(f(s)/s)] V^T, with (I - U U^T) G V = GV - U Gb.
    blas::gemm(U, Op::none, Gb, Op::none, GV, -1.0, 1.0);
    cache.scaled = GV * h.asDiagonal();
    blas::gemm(U, Op::none, inner, Op::none, cache.scaled, 1.0, 1.0);
    blas::gemm(cache.scaled, Op::none, V, Op::transpose, dQ);
  } else {
    // dQ = U [inner V^T + diag(f(s)/s) U^T G (I - V V^T)], with U^T G (I - V V^T) = U^T G - Gb V^T.
    cache.scaled.resize(k, q);
    blas::gemm(U, Op::transpose, G, Op::none, cache.scaled);
    blas::gemm(Gb, Op::none, V, Op::transpose, cache.scaled, -1.0, 1.0);
    cache.scaled = h.asDiagonal() * cache.scaled;
    blas::gemm(inner, Op::none, V, Op::transpose, cache.scaled, 1.0, 1.0);
    blas::gemm(U, Op::none, cache.scaled, Op::none, dQ);
  }
}

}  // namespace snnsense
