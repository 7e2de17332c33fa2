#pragma once
// Matrix products small enough to live in the L1 cache, such as the many 28 x 28 products of
// every gradient step of an SNN on images of that size. OpenBLAS spends a good part of such a
// call packing its operands and zeroing C; here the columns of op(A) are read in place (or from
// one transposed copy) and each 8 x 6 block of C is summed in registers and written once
// (bench_svd, BM_Gemm*; docs/performance.md).
#include "snnsense/core/types.hpp"

namespace snnsense::blas {

// Whether small_gemm is the faster kernel for an m x n product over k terms.
bool small_gemm_applies(Index m, Index n, Index k);

// C = alpha * op(A) * op(B) + beta * C for column-major arrays with leading dimensions lda, ldb,
// ldc; op_a / op_b tell whether to transpose. With beta = 0, C is not read. Any size is
// computed correctly; small_gemm_applies says when it is fast.
void small_gemm(Index m, Index n, Index k, bool transpose_a, bool transpose_b, double alpha, const double* A, Index lda,
                const double* B, Index ldb, double beta, double* C, Index ldc);

}  // namespace snnsense::blas
