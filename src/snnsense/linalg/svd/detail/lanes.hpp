#pragma once
// One value per matrix of a group of kSvdLanes matrices (warm_svd.hpp), and the arithmetic the
// Jacobi sweeps do on them. Included only by the files of linalg/svd/, which are compiled
// without floating-point contraction (CMakeLists.txt): see madd.
#include <cstddef>
#include <cstdint>
#include <limits>
#include <vector>

#include "snnsense/linalg/simd.hpp"
#include "snnsense/linalg/svd/warm_svd.hpp"

namespace snnsense::svd_detail {

inline constexpr double kEps = std::numeric_limits<double>::epsilon();
inline constexpr int kLanes = static_cast<int>(kSvdLanes);

// The group's storage is aligned by hand (LaneBuffer), since the type itself only asks for a
// double's alignment (simd.hpp).
using Lanes = Double4;
using Mask = std::int64_t __attribute__((vector_size(kLanes * sizeof(double)), aligned(sizeof(double))));

static_assert(kLanes == 4, "kOne and the AVX2 clone assume four lanes");
inline constexpr Lanes kOne = {1.0, 1.0, 1.0, 1.0};

// splat and madd return four-double vectors by value, which -Wpsabi flags in builds without
// AVX (the baseline clone of a portable build); both are always inlined, so no call with that
// ABI is ever made.
#pragma GCC diagnostic ignored "-Wpsabi"

SNNSENSE_INLINE Lanes splat(double v) { return Lanes{v, v, v, v}; }

// a * b + c. The folder is compiled without contraction: left to itself, the compiler fuses a
// multiply into an add in one place and not in another copy of the same code (a masked rotation,
// a group of another layout), and the bits of a matrix would depend on which matrices share its
// group. So every fused multiply-add is written out, the same everywhere.
SNNSENSE_INLINE Lanes madd(const Lanes& a, const Lanes& b, const Lanes& c) {
#if defined(__FMA__) && defined(__AVX2__)
  return (Lanes)_mm256_fmadd_pd((__m256d)a, (__m256d)b, (__m256d)c);
#else
  return a * b + c;
#endif
}

SNNSENSE_INLINE double madd(double a, double b, double c) {
#if defined(__FMA__) && defined(__AVX2__)
  return __builtin_fma(a, b, c);
#else
  return a * b + c;
#endif
}

// Masks hold all ones or all zeros per lane (comparison results). Built for AVX2, one
// instruction gathers their sign bits; the lane-by-lane loop costs a dozen, on every pair.
SNNSENSE_INLINE int sign_bits(const Mask& m) {
#if defined(__AVX2__)
  return _mm256_movemask_pd((__m256d)m);
#else
  int bits = 0;
  for (int l = 0; l < kLanes; ++l) bits |= (m[l] != 0 ? 1 : 0) << l;
  return bits;
#endif
}

SNNSENSE_INLINE bool any(const Mask& m) { return sign_bits(m) != 0; }

SNNSENSE_INLINE bool all(const Mask& m) { return sign_bits(m) == (1 << kLanes) - 1; }

// 1 / sqrt(x) for x >= 1, to a few ulps. GCC does not vectorise std::sqrt over the lanes, and
// one scalar root per lane would cost as much as the rest of a rotation: built for AVX2, the
// vector root instruction; otherwise a bit-trick estimate (3.4% off at worst) refined by four
// Newton steps, each squaring the relative error.
SNNSENSE_INLINE void inverse_sqrt(const Lanes& x, Lanes& y) {
#if defined(__AVX2__)
  // Correctly rounded, and a shorter chain of dependent instructions than the Newton steps,
  // which the next rotation waits for.
  y = 1.0 / (Lanes)_mm256_sqrt_pd((__m256d)x);
#else
  constexpr std::int64_t kMagic = 0x5FE6EB50C7B537A9;
  y = (Lanes)(kMagic - ((Mask)x >> 1));  // vector casts reinterpret the bits
  for (int step = 0; step < 4; ++step) y = y * (1.5 - 0.5 * x * y * y);
#endif
}

// n Lanes on a 32-byte boundary.
class LaneBuffer {
 public:
  void resize(std::size_t n) {
    storage_.resize(n * kLanes + kLanes);
    const auto address = reinterpret_cast<std::uintptr_t>(storage_.data());
    const std::uintptr_t aligned = (address + sizeof(Lanes) - 1) / sizeof(Lanes) * sizeof(Lanes);
    data_ = reinterpret_cast<Lanes*>(aligned);
  }
  Lanes* data() { return data_; }
  const Lanes* data() const { return data_; }
  Lanes& operator[](std::size_t i) { return data_[i]; }
  const Lanes& operator[](std::size_t i) const { return data_[i]; }

 private:
  std::vector<double> storage_;
  Lanes* data_ = nullptr;
};

}  // namespace snnsense::svd_detail
