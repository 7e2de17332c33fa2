#include "snnsense/linalg/svd/thin_svd.hpp"

#include <algorithm>
#include <string>
#include <vector>

#include "snnsense/core/error.hpp"

extern "C" void dgesdd_(const char* jobz, const int* m, const int* n, double* a, const int* lda, double* s,
                        double* u, const int* ldu, double* vt, const int* ldvt, double* work, const int* lwork,
                        int* iwork, int* info);

namespace snnsense {

namespace {

// LAPACK overwrites its input and wants workspace; both are kept per thread so repeated calls on
// same-sized matrices allocate nothing.
struct LapackScratch {
  Matrix a;
  Matrix vt;
  std::vector<double> work;
  std::vector<int> iwork;
};

thread_local LapackScratch scratch;

}  // namespace

void thin_svd(const Matrix& Q, ThinSvd& out) {
  const int m = static_cast<int>(Q.rows());
  const int n = static_cast<int>(Q.cols());
  const int k = std::min(m, n);
  if (!Q.allFinite()) throw NumericalError("thin_svd: matrix has non-finite entries");
  out.U.resize(m, k);
  out.s.resize(k);
  scratch.vt.resize(k, n);
  if (k == 0) {
    out.V.resize(n, 0);
    return;
  }
  scratch.a = Q;
  scratch.iwork.resize(8 * static_cast<std::size_t>(k));
  const char jobz = 'S';
  const int lda = m, ldu = m, ldvt = k;
  int info = 0;
  int lwork = -1;
  double query = 0;
  dgesdd_(&jobz, &m, &n, scratch.a.data(), &lda, out.s.data(), out.U.data(), &ldu, scratch.vt.data(), &ldvt,
          &query, &lwork, scratch.iwork.data(), &info);
  lwork = static_cast<int>(query);
  if (scratch.work.size() < static_cast<std::size_t>(lwork)) scratch.work.resize(lwork);
  lwork = static_cast<int>(scratch.work.size());
  dgesdd_(&jobz, &m, &n, scratch.a.data(), &lda, out.s.data(), out.U.data(), &ldu, scratch.vt.data(), &ldvt,
          scratch.work.data(), &lwork, scratch.iwork.data(), &info);
  if (info != 0) throw NumericalError("thin_svd: LAPACK dgesdd failed with info = " + std::to_string(info));
  out.V = scratch.vt.transpose();
}

ThinSvd thin_svd(const Matrix& Q) {
  ThinSvd out;
  thin_svd(Q, out);
  return out;
}

}  // namespace snnsense
