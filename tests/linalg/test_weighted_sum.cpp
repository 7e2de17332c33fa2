#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "snnsense/core/rng.hpp"
#include "snnsense/linalg/weighted_sum.hpp"

namespace snnsense {
namespace {

TEST(WeightedSum, MatchesTermByTermSumsForEveryLengthClass) {
  // Lengths below, at and around the sixteen- and four-wide blocks, and a 28 x 28 matrix (784).
  Rng rng(22);
  for (const Index count : {1, 2, 5, 16}) {
    for (const Index n : {1, 3, 4, 7, 15, 16, 17, 21, 100, 784}) {
      std::vector<Vector> terms;
      std::vector<const double*> x;
      for (Index i = 0; i < count; ++i) terms.push_back(rng.normal_matrix(n, 1));
      for (const Vector& t : terms) x.push_back(t.data());
      const Vector w = rng.normal_matrix(count, 1);
      Vector out = Vector::Constant(n, std::nan(""));  // must not be read
      weighted_sum(x.data(), w.data(), count, out.data(), n);
      Vector expected = w[0] * terms[0];
      double scale = std::abs(w[0]) * terms[0].cwiseAbs().maxCoeff();
      for (Index i = 1; i < count; ++i) {
        expected += w[i] * terms[static_cast<std::size_t>(i)];
        scale += std::abs(w[i]) * terms[static_cast<std::size_t>(i)].cwiseAbs().maxCoeff();
      }
      ASSERT_TRUE(out.allFinite()) << count << " " << n;
      // Within a few ulps of the sum's magnitude: whether w x + acc is one fused multiply-add is
      // the compiler's call.
      EXPECT_LE((out - expected).cwiseAbs().maxCoeff(), 4e-16 * static_cast<double>(count) * scale) << count << " " << n;
    }
  }
}

TEST(WeightedSum, ReadsAndWritesAtAnyDoublesAddress) {
  // The 4-wide loads and stores (Double4, linalg/simd.hpp) at 8, 16 and 24 bytes past a 32-byte
  // boundary: under the sanitizers a Double4 that assumed the vector's own alignment is reported.
  const Index n = 37;
  alignas(32) double x0[n + 3], x1[n + 3], out[n + 3];
  for (Index i = 0; i < n + 3; ++i) {
    x0[i] = static_cast<double>(i);
    x1[i] = 1.0 / static_cast<double>(i + 1);
  }
  const double w[2] = {0.5, -2.0};
  for (Index shift = 1; shift <= 3; ++shift) {
    const double* x[2] = {x0 + shift, x1 + shift};
    weighted_sum(x, w, 2, out + shift, n);
    for (Index i = 0; i < n; ++i) {
      EXPECT_DOUBLE_EQ(out[shift + i], 0.5 * x0[shift + i] - 2.0 * x1[shift + i]) << shift << " " << i;
    }
  }
}

}  // namespace
}  // namespace snnsense
