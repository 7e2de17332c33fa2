#pragma once
// The BLAS products of the SNN's inner loop: the small ones by our own kernel (small_gemm.hpp),
// the others by OpenBLAS, which picks AVX2/FMA kernels at run time and is faster than Eigen's
// products at the sizes of a spectral activation whatever the build targets
// (bench/bench_svd.cpp, docs/performance.md).
#include "snnsense/core/types.hpp"

namespace snnsense::blas {

enum class Op { none, transpose };

// C = alpha * op(A) * op(B) + beta * C. C must already have the product's shape (resize it
// first; that is free when the shape is unchanged) and must not alias A or B. Blocks and maps
// with unit inner stride are accepted, so parameter segments need no copy.
void gemm(Eigen::Ref<const Matrix> A, Op op_a, Eigen::Ref<const Matrix> B, Op op_b, Eigen::Ref<Matrix> C,
          double alpha = 1.0, double beta = 0.0);

// y = alpha * op(A) * x + beta * y for a column-major rows x cols array A with leading dimension
// lda; x and y have the lengths op(A) needs. Raw pointers, because the dense operator hands it
// its row-major matrix, which to the BLAS is the column-major array of the transpose.
void gemv(Op op, Index rows, Index cols, const double* A, Index lda, const double* x, double* y, double alpha = 1.0,
          double beta = 0.0);

// Threads of the BLAS library itself, where it has any (OpenBLAS); a no-op for a reference
// BLAS. The SNN runs its independent decompositions on its own threads and keeps the BLAS on
// one, so that two levels of threads do not compete for the same cores.
void set_threads(int threads);
int threads();

}  // namespace snnsense::blas
