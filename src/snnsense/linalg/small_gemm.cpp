#include "snnsense/linalg/small_gemm.hpp"

#include <algorithm>
#include <vector>

#include "snnsense/linalg/simd.hpp"

namespace snnsense::blas {

namespace {

using Lanes = Double4;
constexpr Index kWidth = 4;  // doubles per vector

// One block of C: rows [0, valid) of the R * 4 rows at `c`, NC columns. `a` holds whole vectors
// of op(A)'s rows (zero-padded past m), column kk at a + kk * lda; op(B)(kk, j) is
// b[kk * bk + j * bj]; k >= 1. Twelve sums stay in registers through the whole k loop (R = 2,
// NC = 6: two loads and six broadcasts feed twelve multiply-adds) and, for whole blocks, until
// they are written: every index below is a compile-time constant there.
template <int R, int NC, bool kWhole>
SNNSENSE_INLINE void block(Index k, const double* a, Index lda, const double* b, Index bk, Index bj, double alpha,
                           double beta, double* c, Index ldc, Index valid) {
  Lanes sum[R][NC];
  {
    Lanes column[R];
    for (int r = 0; r < R; ++r) column[r] = *reinterpret_cast<const Lanes*>(a + kWidth * r);
    for (int j = 0; j < NC; ++j)
      for (int r = 0; r < R; ++r) sum[r][j] = column[r] * b[j * bj];
  }
  for (Index kk = 1; kk < k; ++kk) {
    Lanes column[R];
    for (int r = 0; r < R; ++r) column[r] = *reinterpret_cast<const Lanes*>(a + kk * lda + kWidth * r);
    for (int j = 0; j < NC; ++j) {
      const double factor = b[kk * bk + j * bj];
      for (int r = 0; r < R; ++r) sum[r][j] += column[r] * factor;
    }
  }
  // Whole blocks and partial ones are separate instances: indexing the lanes of the sums, as the
  // partial ones do, would keep all twelve in memory, stored and reloaded once per block.
  if constexpr (kWhole) {
    // beta = 0 must not read C, which may hold anything.
    if (beta == 0.0) {
      for (int j = 0; j < NC; ++j)
        for (int r = 0; r < R; ++r) *reinterpret_cast<Lanes*>(c + j * ldc + kWidth * r) = alpha * sum[r][j];
    } else {
      for (int j = 0; j < NC; ++j)
        for (int r = 0; r < R; ++r) {
          Lanes& out = *reinterpret_cast<Lanes*>(c + j * ldc + kWidth * r);
          out = alpha * sum[r][j] + beta * out;
        }
    }
  } else {
    for (int j = 0; j < NC; ++j)
      for (int r = 0; r < R; ++r)
        for (Index l = 0; l < std::min<Index>(kWidth, valid - kWidth * r); ++l) {
          double& out = c[j * ldc + kWidth * r + l];
          out = beta == 0.0 ? alpha * sum[r][j][l] : alpha * sum[r][j][l] + beta * out;
        }
  }
}

template <int R, int NC>
SNNSENSE_INLINE void block(Index k, const double* a, Index lda, const double* b, Index bk, Index bj, double alpha,
                           double beta, double* c, Index ldc, Index valid) {
  if (valid >= kWidth * R)
    block<R, NC, true>(k, a, lda, b, bk, bj, alpha, beta, c, ldc, valid);
  else
    block<R, NC, false>(k, a, lda, b, bk, bj, alpha, beta, c, ldc, valid);
}

// The columns [j, n) of one row block, NC at a time, the last few together.
template <int R>
SNNSENSE_INLINE void row_block(Index n, Index k, const double* a, Index lda, const double* b, Index bk, Index bj,
                               double alpha, double beta, double* c, Index ldc, Index valid) {
  constexpr int NC = 6;
  Index j = 0;
  for (; j + NC <= n; j += NC) block<R, NC>(k, a, lda, b + j * bj, bk, bj, alpha, beta, c + j * ldc, ldc, valid);
  const double* bj0 = b + j * bj;
  double* cj = c + j * ldc;
  switch (n - j) {
    case 1: block<R, 1>(k, a, lda, bj0, bk, bj, alpha, beta, cj, ldc, valid); break;
    case 2: block<R, 2>(k, a, lda, bj0, bk, bj, alpha, beta, cj, ldc, valid); break;
    case 3: block<R, 3>(k, a, lda, bj0, bk, bj, alpha, beta, cj, ldc, valid); break;
    case 4: block<R, 4>(k, a, lda, bj0, bk, bj, alpha, beta, cj, ldc, valid); break;
    case 5: block<R, 5>(k, a, lda, bj0, bk, bj, alpha, beta, cj, ldc, valid); break;
    default: break;
  }
}

SNNSENSE_AVX2_CLONE void product(Index m, Index n, Index k, const double* a, Index lda, const double* b, Index bk,
                                 Index bj, double alpha, double beta, double* c, Index ldc) {
  const Index padded = (m + kWidth - 1) / kWidth * kWidth;
  Index i = 0;
  for (; i + 2 * kWidth <= padded; i += 2 * kWidth)
    row_block<2>(n, k, a + i, lda, b, bk, bj, alpha, beta, c + i, ldc, m - i);
  if (i < padded) row_block<1>(n, k, a + i, lda, b, bk, bj, alpha, beta, c + i, ldc, m - i);
}

}  // namespace

bool small_gemm_applies(Index m, Index n, Index k) {
  // Up to here the kernel is faster than OpenBLAS (bench_svd: BM_GemmSmall against
  // BM_GemmOpenBlas, docs/performance.md); beyond, OpenBLAS's blocking for the cache matters.
  constexpr Index kLimit = 64;
  return m <= kLimit && n <= kLimit && k <= kLimit;
}

void small_gemm(Index m, Index n, Index k, bool transpose_a, bool transpose_b, double alpha, const double* A, Index lda,
                const double* B, Index ldb, double beta, double* C, Index ldc) {
  if (m <= 0 || n <= 0) return;
  if (k <= 0) {  // an empty sum: C = beta C
    for (Index j = 0; j < n; ++j)
      for (Index i = 0; i < m; ++i) C[j * ldc + i] = beta == 0.0 ? 0.0 : beta * C[j * ldc + i];
    return;
  }
  // op(A) is read a whole vector of rows at a time: in place when its columns are A's own and
  // come in whole vectors, otherwise from a copy with the rows padded by zeros.
  const double* a = A;
  Index a_ld = lda;
  thread_local std::vector<double> copy;
  if (transpose_a || m % kWidth != 0) {
    a_ld = (m + kWidth - 1) / kWidth * kWidth;
    copy.resize(static_cast<std::size_t>(a_ld * std::max<Index>(k, 1)));
    for (Index kk = 0; kk < k; ++kk) {
      double* column = copy.data() + kk * a_ld;
      for (Index r = 0; r < m; ++r) column[r] = transpose_a ? A[r * lda + kk] : A[kk * lda + r];
      for (Index r = m; r < a_ld; ++r) column[r] = 0.0;
    }
    a = copy.data();
  }
  const Index bk = transpose_b ? ldb : 1, bj = transpose_b ? 1 : ldb;
  product(m, n, k, a, a_ld, B, bk, bj, alpha, beta, C, ldc);
}

}  // namespace snnsense::blas
