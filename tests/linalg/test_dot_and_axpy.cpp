#include <gtest/gtest.h>

#include <cmath>

#include "snnsense/core/rng.hpp"
#include "snnsense/linalg/dot_and_axpy.hpp"

namespace snnsense {
namespace {

TEST(DotAndAxpy, MatchesTheTwoOperationsForEveryLengthClass) {
  // Lengths below, at and around the eight-wide steps, and a 28 x 28 matrix (784).
  Rng rng(21);
  for (const Index n : {0, 1, 3, 7, 8, 9, 15, 16, 17, 100, 784}) {
    const Vector x = rng.normal_matrix(n, 1), y = rng.normal_matrix(n, 1), z0 = rng.normal_matrix(n, 1);
    const double a = -0.75;
    for (const bool accumulate : {false, true}) {
      Vector z = accumulate ? z0 : Vector::Constant(n, std::nan(""));  // set mode must not read z
      const double dot = dot_and_axpy(x.data(), y.data(), a, z.data(), n, accumulate);
      const Vector expected = accumulate ? Vector(z0 + a * y) : Vector(a * y);
      EXPECT_NEAR(dot, x.dot(y), 1e-13 * std::max(1.0, std::sqrt(static_cast<double>(n)))) << n;
      ASSERT_TRUE(z.allFinite()) << n;
      // Within an ulp or two: whether a * y + z becomes one fused multiply-add is the compiler's call.
      if (n > 0) {
        EXPECT_LE((z - expected).cwiseAbs().maxCoeff(), 1e-15 * (z0.cwiseAbs().maxCoeff() + y.cwiseAbs().maxCoeff())) << n;
      }
    }
  }
}

}  // namespace
}  // namespace snnsense
