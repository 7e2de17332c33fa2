#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "snnsense/core/rng.hpp"
#include "snnsense/linalg/blas.hpp"
#include "snnsense/linalg/small_gemm.hpp"

namespace snnsense {
namespace {

using blas::Op;

Matrix op(const Matrix& M, Op o) { return o == Op::none ? M : Matrix(M.transpose()); }

// The largest entry of |X - Y| relative to the scale of the terms summed into it.
double relative_error(const Matrix& X, const Matrix& Y, double scale) { return (X - Y).cwiseAbs().maxCoeff() / scale; }

struct Case {
  Index m, n, k;
};

// Every shape class the blocked kernel distinguishes: rows a multiple of 8, of 4 only, or
// neither; columns a multiple of 6 or leaving 1 to 5; tiny and one-term products; and sizes on
// the OpenBLAS side of the threshold.
const Case kCases[] = {{1, 1, 1},    {3, 2, 1},    {4, 6, 5},    {5, 7, 3},    {8, 12, 8},
                       {10, 10, 10}, {12, 5, 9},   {13, 11, 17}, {28, 28, 28}, {27, 29, 28},
                       {40, 40, 40}, {41, 7, 3},   {64, 64, 64}, {65, 20, 64}, {70, 33, 50}};

TEST(Gemm, MatchesEigenForEveryTransposeAndShape) {
  Rng rng(11);
  for (const Case& c : kCases) {
    for (Op oa : {Op::none, Op::transpose}) {
      for (Op ob : {Op::none, Op::transpose}) {
        const Matrix A = op(rng.normal_matrix(c.m, c.k), oa);  // op(A) is m x k
        const Matrix B = op(rng.normal_matrix(c.k, c.n), ob);
        const Matrix C0 = rng.normal_matrix(c.m, c.n);
        const Matrix expected = 0.5 * op(A, oa) * op(B, ob) - 2.0 * C0;
        Matrix C = C0;
        blas::gemm(A, oa, B, ob, C, 0.5, -2.0);
        const double scale = std::sqrt(static_cast<double>(c.k)) + 2.0;
        EXPECT_LT(relative_error(C, expected, scale), 1e-14)
            << c.m << " x " << c.n << " x " << c.k << " ops " << int(oa) << int(ob);
      }
    }
  }
}

TEST(Gemm, ZeroBetaDoesNotReadC) {
  Rng rng(12);
  for (const Case& c : kCases) {
    const Matrix A = rng.normal_matrix(c.m, c.k), B = rng.normal_matrix(c.k, c.n);
    Matrix C = Matrix::Constant(c.m, c.n, std::numeric_limits<double>::quiet_NaN());
    blas::gemm(A, Op::none, B, Op::none, C);
    ASSERT_TRUE(C.allFinite()) << c.m << " x " << c.n << " x " << c.k;
    EXPECT_LT(relative_error(C, A * B, std::sqrt(static_cast<double>(c.k))), 1e-14);
  }
}

TEST(Gemm, BlocksWithLeadingDimensionsBeyondTheirRows) {
  // Blocks of larger matrices: the kernel must step by the leading dimension and leave the
  // rest of C alone.
  Rng rng(13);
  const Matrix bigA = rng.normal_matrix(37, 30), bigB = rng.normal_matrix(33, 31);
  Matrix bigC = rng.normal_matrix(35, 34);
  const Matrix before = bigC;
  const auto A = bigA.block(2, 1, 26, 19);  // m = 26, k = 19
  const auto B = bigB.block(3, 4, 19, 23);  // n = 23
  auto C = bigC.block(5, 6, 26, 23);
  blas::gemm(A, Op::none, B, Op::none, C, 1.0, 1.0);
  const Matrix expected = before.block(5, 6, 26, 23) + Matrix(A) * Matrix(B);
  EXPECT_LT(relative_error(Matrix(bigC.block(5, 6, 26, 23)), expected, 6.0), 1e-14);
  Matrix outside = bigC;
  outside.block(5, 6, 26, 23) = before.block(5, 6, 26, 23);
  EXPECT_EQ(outside, before);
}

TEST(SmallGemm, WithinRoundingOfEigenAtTheThreshold) {
  Rng rng(14);
  const Index n = 64;
  ASSERT_TRUE(blas::small_gemm_applies(n, n, n));
  ASSERT_FALSE(blas::small_gemm_applies(n + 1, n, n));
  const Matrix A = rng.normal_matrix(n, n), B = rng.normal_matrix(n, n);
  Matrix C(n, n);
  blas::small_gemm(n, n, n, false, true, 1.0, A.data(), n, B.data(), n, 0.0, C.data(), n);
  EXPECT_LT(relative_error(C, A * B.transpose(), std::sqrt(64.0)), 1e-14);
}

}  // namespace
}  // namespace snnsense
