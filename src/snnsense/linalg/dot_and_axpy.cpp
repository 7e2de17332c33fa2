#include "snnsense/linalg/dot_and_axpy.hpp"

#include "snnsense/linalg/simd.hpp"

namespace snnsense {

namespace {

template <bool kAccumulate>
SNNSENSE_INLINE double pass(const double* x, const double* y, double a, double* z, Index n) {
  using V = Double4;
  // Two partial sums of four, so that the additions do not form one dependency chain.
  V s0 = {}, s1 = {};
  Index e = 0;
  for (; e + 8 <= n; e += 8) {
    const V y0 = *reinterpret_cast<const V*>(y + e), y1 = *reinterpret_cast<const V*>(y + e + 4);
    s0 += *reinterpret_cast<const V*>(x + e) * y0;
    s1 += *reinterpret_cast<const V*>(x + e + 4) * y1;
    V& z0 = *reinterpret_cast<V*>(z + e);
    V& z1 = *reinterpret_cast<V*>(z + e + 4);
    if constexpr (kAccumulate) {
      z0 += a * y0;
      z1 += a * y1;
    } else {
      z0 = a * y0;
      z1 = a * y1;
    }
  }
  const V s = s0 + s1;
  double sum = (s[0] + s[2]) + (s[1] + s[3]);
  for (; e < n; ++e) {
    sum += x[e] * y[e];
    z[e] = kAccumulate ? z[e] + a * y[e] : a * y[e];
  }
  return sum;
}

SNNSENSE_AVX2_CLONE double dispatch(const double* x, const double* y, double a, double* z, Index n, bool accumulate) {
  return accumulate ? pass<true>(x, y, a, z, n) : pass<false>(x, y, a, z, n);
}

}  // namespace

double dot_and_axpy(const double* x, const double* y, double a, double* z, Index n, bool accumulate) {
  return dispatch(x, y, a, z, n, accumulate);
}

}  // namespace snnsense
