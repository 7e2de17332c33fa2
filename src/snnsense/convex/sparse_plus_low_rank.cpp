#include "snnsense/convex/sparse_plus_low_rank.hpp"

#include <Eigen/Eigenvalues>
#include <Spectra/SymEigsSolver.h>
#include <algorithm>
#include <stdexcept>
#include <string>

#include "snnsense/core/error.hpp"
#include "snnsense/core/rng.hpp"

namespace snnsense {

namespace {

// Lanczos settings: a Krylov space of at least kMinKrylov vectors converges in few restarts for the
// spectra soft-impute meets; the relative tolerance on the Ritz values keeps the eigenvectors,
// hence the thresholded iterate, accurate to about 1e-12 of the largest singular value.
constexpr Index kMinKrylov = 20;
constexpr Index kMaxRestarts = 1000;
constexpr double kLanczosTolerance = 1e-12;
// A warm start vector is the sum of the previous singular vectors plus this share of a random unit
// vector, which keeps every other direction present in the Krylov space.
constexpr double kStartNoise = 0.1;

// Spectra's operator concept: the Gram operator of the smaller side of Z.
class GramProduct {
 public:
  using Scalar = double;

  GramProduct(const SparsePlusLowRank& Z, bool right_side) : Z_(Z), right_side_(right_side) {}

  Index rows() const { return right_side_ ? Z_.cols() : Z_.rows(); }
  Index cols() const { return rows(); }

  void perform_op(const double* x_in, double* y_out) const {
    const Eigen::Map<const Vector> x(x_in, rows());
    Eigen::Map<Vector> y(y_out, rows());
    const Matrix xm = x;
    y = right_side_ ? Z_.transpose_times(Z_.times(xm)).col(0) : Z_.times(Z_.transpose_times(xm)).col(0);
  }

 private:
  const SparsePlusLowRank& Z_;
  bool right_side_;
};

}  // namespace

SparsePlusLowRank::SparsePlusLowRank(const CompletionOperator& op, Vector s, Matrix left, Matrix right)
    : op_(op), s_(std::move(s)), left_(std::move(left)), right_(std::move(right)) {
  if (s_.size() != op_.measurements() || left_.rows() != op_.rows() || right_.rows() != op_.cols() ||
      left_.cols() != right_.cols())
    throw std::invalid_argument("SparsePlusLowRank: shapes do not match the operator");
}

Matrix SparsePlusLowRank::times(const Matrix& V) const {
  if (V.rows() != cols()) throw std::invalid_argument("SparsePlusLowRank::times: V has the wrong number of rows");
  Matrix out = op_.adjoint_times(s_, V, nullptr);
  if (left_.cols() > 0) out.noalias() += left_ * (right_.transpose() * V);
  return out;
}

Matrix SparsePlusLowRank::transpose_times(const Matrix& U) const {
  if (U.rows() != rows()) throw std::invalid_argument("SparsePlusLowRank::transpose_times: U has the wrong number of rows");
  Matrix out = op_.adjoint_transpose_times(s_, U, nullptr);
  if (right_.cols() > 0) out.noalias() += right_ * (left_.transpose() * U);
  return out;
}

TruncatedSvd SparsePlusLowRank::truncated_svd(Index k, std::uint64_t seed, const TruncatedSvd* previous) const {
  const bool right_side = cols() <= rows();
  const Index n = std::min(rows(), cols());
  k = std::min(k, n);
  TruncatedSvd svd;
  if (k <= 0) {
    svd.U = Matrix::Zero(rows(), 0);
    svd.V = Matrix::Zero(cols(), 0);
    return svd;
  }
  if (left_.cols() == 0 && s_.isZero(0.0)) {  // Z = 0, on which the Lanczos would break down
    svd.U = Matrix::Zero(rows(), k);
    svd.s = Vector::Zero(k);
    svd.V = Matrix::Zero(cols(), k);
    return svd;
  }
  GramProduct gram(*this, right_side);
  Vector eigenvalues;
  Matrix eigenvectors;  // n x k, of the smaller side
  if (2 * k + 1 > n) {
    Matrix G(n, n);
    Vector e = Vector::Zero(n);
    for (Index j = 0; j < n; ++j) {
      e(j) = 1.0;
      gram.perform_op(e.data(), G.col(j).data());
      e(j) = 0.0;
    }
    const Eigen::SelfAdjointEigenSolver<Matrix> eig(0.5 * (G + G.transpose()));
    eigenvalues = eig.eigenvalues().reverse().head(k);             // ascending -> descending
    eigenvectors = eig.eigenvectors().rowwise().reverse().leftCols(k);
  } else {
    Spectra::SymEigsSolver<GramProduct> eigs(gram, k, std::min(n, std::max(2 * k + 1, k + kMinKrylov)));
    Rng rng(seed);
    Vector start = rng.normal_matrix(n, 1).col(0);
    const Matrix* warm = previous ? (right_side ? &previous->V : &previous->U) : nullptr;
    if (warm && warm->rows() == n && warm->cols() > 0) {
      const Vector sum = warm->rowwise().sum();
      if (sum.norm() > 0.0) start = sum / sum.norm() + kStartNoise * start / start.norm();
    }
    try {
      eigs.init(start.data());
      eigs.compute(Spectra::SortRule::LargestAlge, kMaxRestarts, kLanczosTolerance, Spectra::SortRule::LargestAlge);
    } catch (const std::runtime_error& e) {  // Spectra's own failures (a tridiagonal eigensolver's)
      throw NumericalError(std::string("soft-impute: the truncated SVD (Lanczos) failed: ") + e.what());
    }
    if (eigs.info() != Spectra::CompInfo::Successful)
      throw NumericalError("soft-impute: the truncated SVD (Lanczos, rank " + std::to_string(k) +
                           ") did not converge in " + std::to_string(kMaxRestarts) + " restarts");
    eigenvalues = eigs.eigenvalues();
    eigenvectors = eigs.eigenvectors();
  }
  svd.s = eigenvalues.cwiseMax(0.0).cwiseSqrt();
  // The other side's vectors: Z V = U diag(s) (or Z^T U = V diag(s)); a zero singular value leaves a
  // zero column, which thresholding drops.
  Matrix other = right_side ? times(eigenvectors) : transpose_times(eigenvectors);
  for (Index j = 0; j < k; ++j) other.col(j) = svd.s(j) > 0.0 ? Vector(other.col(j) / svd.s(j)) : Vector::Zero(other.rows());
  if (right_side) {
    svd.U = std::move(other);
    svd.V = std::move(eigenvectors);
  } else {
    svd.U = std::move(eigenvectors);
    svd.V = std::move(other);
  }
  return svd;
}

}  // namespace snnsense
