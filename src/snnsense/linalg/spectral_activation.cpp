#include "snnsense/linalg/spectral_activation.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace snnsense {

namespace {

// Below this relative gap, (f(a) - f(b)) / (a - b) is replaced by f'((a + b) / 2). The midpoint
// rule errs by about gap^2 |f'''| / 24 and the divided difference by about eps |f| / gap; a
// relative threshold of eps^(1/3) balances the two at roughly 1e-11.
constexpr double kCoincidentGap = 6e-6;

bool coincident(double a, double b) {
  return std::abs(a - b) <= kCoincidentGap * std::max(std::abs(a), std::abs(b));
}

// f(s) / s, which tends to f'(0) as s -> 0 (f(0) = 0).
double secant_from_zero(const Activation& f, double s, double f_s) {
  return s > std::numeric_limits<double>::min() ? f_s / s : f.derivative(0.0);
}

}  // namespace

void SpectralActivation::forward(const Matrix& Q, SpectralActivationCache& cache, Matrix& out) const {
  thin_svd(Q, cache.svd);
  const Vector& s = cache.svd.s;
  cache.f_of_s.resize(s.size());
  for (Index i = 0; i < s.size(); ++i) cache.f_of_s(i) = f_.value(s(i));
  out.noalias() = cache.svd.U * cache.f_of_s.asDiagonal() * cache.svd.V.transpose();
}

Matrix SpectralActivation::forward(const Matrix& Q, SpectralActivationCache& cache) const {
  Matrix out;
  forward(Q, cache, out);
  return out;
}

Matrix SpectralActivation::backward(const SpectralActivationCache& cache, const Matrix& G) const {
  const Matrix& U = cache.svd.U;
  const Matrix& V = cache.svd.V;
  const Vector& s = cache.svd.s;
  const Vector& fs = cache.f_of_s;
  const Index k = s.size();
  const Index p = U.rows();
  const Index q = V.rows();

  const Matrix GV = G * V;                  // p x k
  const Matrix Gb = U.transpose() * GV;     // k x k
  Matrix inner(k, k);
  for (Index j = 0; j < k; ++j) {
    for (Index i = 0; i < k; ++i) {
      const double sym = 0.5 * (Gb(i, j) + Gb(j, i));
      const double skw = 0.5 * (Gb(i, j) - Gb(j, i));
      const double P = coincident(s(i), s(j)) ? f_.derivative(0.5 * (s(i) + s(j))) : (fs(i) - fs(j)) / (s(i) - s(j));
      const double sum = s(i) + s(j);
      const double M = sum > std::numeric_limits<double>::min() ? (fs(i) + fs(j)) / sum : f_.derivative(0.0);
      inner(i, j) = P * sym + M * skw;
    }
  }
  Matrix dQ = U * inner * V.transpose();

  if (p == q) return dQ;
  Vector h(k);
  for (Index i = 0; i < k; ++i) h(i) = secant_from_zero(f_, s(i), fs(i));
  if (p > q) {
    // (I - U U^T) G V diag(f(s)/s) V^T
    dQ.noalias() += (GV - U * Gb) * h.asDiagonal() * V.transpose();
  } else {
    // U diag(f(s)/s) U^T G (I - V V^T)
    const Matrix UtG = U.transpose() * G;  // k x q
    dQ.noalias() += U * h.asDiagonal() * (UtG - Gb * V.transpose());
  }
  return dQ;
}

}  // namespace snnsense
