#include "snnsense/linalg/weighted_sum.hpp"

#include "snnsense/linalg/simd.hpp"

namespace snnsense {

namespace {

// Sums kVectors consecutive vectors of four at offset e over all terms.
template <int kVectors>
SNNSENSE_INLINE void block(const double* const* x, const double* w, Index count, double* out, Index e) {
  Double4 acc[kVectors];
  for (int v = 0; v < kVectors; ++v) acc[v] = w[0] * *reinterpret_cast<const Double4*>(x[0] + e + 4 * v);
  for (Index i = 1; i < count; ++i)
    for (int v = 0; v < kVectors; ++v) acc[v] += w[i] * *reinterpret_cast<const Double4*>(x[i] + e + 4 * v);
  for (int v = 0; v < kVectors; ++v) *reinterpret_cast<Double4*>(out + e + 4 * v) = acc[v];
}

SNNSENSE_AVX2_CLONE void dispatch(const double* const* x, const double* w, Index count, double* out, Index n) {
  Index e = 0;
  for (; e + 16 <= n; e += 16) block<4>(x, w, count, out, e);
  for (; e + 4 <= n; e += 4) block<1>(x, w, count, out, e);
  for (; e < n; ++e) {
    double sum = w[0] * x[0][e];
    for (Index i = 1; i < count; ++i) sum += w[i] * x[i][e];
    out[e] = sum;
  }
}

}  // namespace

void weighted_sum(const double* const* x, const double* w, Index count, double* out, Index n) {
  dispatch(x, w, count, out, n);
}

}  // namespace snnsense
