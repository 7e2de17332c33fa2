#include "snnsense/linalg/blas.hpp"

#include <algorithm>
#include <stdexcept>

#include "snnsense/linalg/small_gemm.hpp"

extern "C" {
void dgemm_(const char* transa, const char* transb, const int* m, const int* n, const int* k, const double* alpha,
            const double* a, const int* lda, const double* b, const int* ldb, const double* beta, double* c,
            const int* ldc);
void dgemv_(const char* trans, const int* m, const int* n, const double* alpha, const double* a, const int* lda,
            const double* x, const int* incx, const double* beta, double* y, const int* incy);
// OpenBLAS extensions; weak, so that linking against another BLAS leaves them null.
void openblas_set_num_threads(int threads) __attribute__((weak));
int openblas_get_num_threads() __attribute__((weak));
int blas_thread_shutdown_() __attribute__((weak));
}

namespace snnsense::blas {

void gemm(Eigen::Ref<const Matrix> A, Op op_a, Eigen::Ref<const Matrix> B, Op op_b, Eigen::Ref<Matrix> C,
          double alpha, double beta) {
  const Index m = op_a == Op::none ? A.rows() : A.cols();
  const Index k = op_a == Op::none ? A.cols() : A.rows();
  const Index kb = op_b == Op::none ? B.rows() : B.cols();
  const Index n = op_b == Op::none ? B.cols() : B.rows();
  if (k != kb || C.rows() != m || C.cols() != n) throw std::invalid_argument("blas::gemm: shapes do not conform");
  if (m == 0 || n == 0) return;
  if (k == 0) {
    C *= beta;
    return;
  }
  if (small_gemm_applies(m, n, k)) {
    small_gemm(m, n, k, op_a == Op::transpose, op_b == Op::transpose, alpha, A.data(), A.outerStride(), B.data(),
               B.outerStride(), beta, C.data(), C.outerStride());
    return;
  }
  const char ta = op_a == Op::none ? 'N' : 'T', tb = op_b == Op::none ? 'N' : 'T';
  const int im = static_cast<int>(m), in = static_cast<int>(n), ik = static_cast<int>(k);
  const int lda = static_cast<int>(std::max<Index>(1, A.outerStride()));
  const int ldb = static_cast<int>(std::max<Index>(1, B.outerStride()));
  const int ldc = static_cast<int>(std::max<Index>(1, C.outerStride()));
  dgemm_(&ta, &tb, &im, &in, &ik, &alpha, A.data(), &lda, B.data(), &ldb, &beta, C.data(), &ldc);
}

void gemv(Op op, Index rows, Index cols, const double* A, Index lda, const double* x, double* y, double alpha,
          double beta) {
  if (lda < std::max<Index>(1, rows)) throw std::invalid_argument("blas::gemv: leading dimension below the row count");
  if (rows == 0 || cols == 0) {
    const Index n = op == Op::none ? rows : cols;
    for (Index i = 0; i < n; ++i) y[i] = beta == 0.0 ? 0.0 : beta * y[i];
    return;
  }
  const char t = op == Op::none ? 'N' : 'T';
  const int m = static_cast<int>(rows), n = static_cast<int>(cols), ld = static_cast<int>(lda), one = 1;
  dgemv_(&t, &m, &n, &alpha, A, &ld, x, &one, &beta, y, &one);
}

void set_threads(int threads) {
  if (openblas_set_num_threads) openblas_set_num_threads(threads);
  // OpenBLAS's idle workers go on polling the scheduler after the count drops to one, taking
  // time from the threads of our own pool on the same cores. Stopping them hands the cores back;
  // OpenBLAS starts its pool again by itself when a call wants more threads.
  if (threads == 1 && blas_thread_shutdown_) blas_thread_shutdown_();
}

int threads() { return openblas_get_num_threads ? openblas_get_num_threads() : 1; }

}  // namespace snnsense::blas
