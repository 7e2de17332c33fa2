#include "snnsense/linalg/thin_qr.hpp"

#include <algorithm>
#include <string>
#include <vector>

#include "snnsense/core/error.hpp"

extern "C" void dgeqrf_(const int* m, const int* n, double* a, const int* lda, double* tau, double* work,
                        const int* lwork, int* info);
extern "C" void dorgqr_(const int* m, const int* n, const int* k, double* a, const int* lda, const double* tau,
                        double* work, const int* lwork, int* info);

namespace snnsense {

namespace {

// The larger of the two routines' workspace queries.
int workspace(int m, int n, int k, double* a, int lda, double* tau) {
  const int query = -1;
  int info = 0;
  double factor = 0.0, form = 0.0;
  dgeqrf_(&m, &n, a, &lda, tau, &factor, &query, &info);
  dorgqr_(&m, &k, &k, a, &lda, tau, &form, &query, &info);
  return std::max({1, static_cast<int>(factor), static_cast<int>(form)});
}

}  // namespace

ThinQr thin_qr(Matrix a) {
  if (!a.allFinite()) throw NumericalError("thin_qr: matrix has non-finite entries");
  const int m = static_cast<int>(a.rows()), n = static_cast<int>(a.cols()), k = std::min(m, n);
  ThinQr out;
  if (k == 0) {
    out.Q = Matrix::Zero(m, 0);
    out.R = Matrix::Zero(0, n);
    return out;
  }
  std::vector<double> tau(static_cast<std::size_t>(k));
  const int lda = m;
  std::vector<double> work(static_cast<std::size_t>(workspace(m, n, k, a.data(), lda, tau.data())));
  const int lwork = static_cast<int>(work.size());
  int info = 0;
  dgeqrf_(&m, &n, a.data(), &lda, tau.data(), work.data(), &lwork, &info);
  if (info != 0) throw NumericalError("thin_qr: LAPACK dgeqrf failed with info = " + std::to_string(info));
  out.R = a.topRows(k).triangularView<Eigen::Upper>();
  dorgqr_(&m, &k, &k, a.data(), &lda, tau.data(), work.data(), &lwork, &info);
  if (info != 0) throw NumericalError("thin_qr: LAPACK dorgqr failed with info = " + std::to_string(info));
  out.Q = a.leftCols(k);
  return out;
}

}  // namespace snnsense
