#include "snnsense/models/estimate.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>
#include <utility>

#include "snnsense/core/error.hpp"
#include "snnsense/linalg/svd/thin_svd.hpp"
#include "snnsense/linalg/thin_qr.hpp"

namespace snnsense {

namespace {

void check_entry_lists(std::span<const Index> rows, std::span<const Index> cols, Index n1, Index n2) {
  if (rows.size() != cols.size())
    throw InputError("entries: " + std::to_string(rows.size()) + " row indices but " + std::to_string(cols.size()) +
                     " column indices");
  for (std::size_t k = 0; k < rows.size(); ++k)
    if (rows[k] < 0 || rows[k] >= n1 || cols[k] < 0 || cols[k] >= n2)
      throw InputError("entries: (" + std::to_string(rows[k]) + ", " + std::to_string(cols[k]) + ") lies outside the " +
                       std::to_string(n1) + " x " + std::to_string(n2) + " matrix");
}

void check_same_shape(const LowRankFactors& M, Index n1, Index n2) {
  check_factor_shapes(M, "squared distance");
  if (M.rows() != n1 || M.cols() != n2)
    throw InputError("squared distance: a " + std::to_string(M.rows()) + " x " + std::to_string(M.cols()) +
                     " factored matrix against a " + std::to_string(n1) + " x " + std::to_string(n2) + " estimate");
}

// Columns of X handled at once when a difference is formed block by block.
constexpr Index kColumnBlock = 64;

}  // namespace

Vector DenseEstimate::singular_values() const { return thin_svd(X_).s; }

Vector DenseEstimate::entries(std::span<const Index> rows, std::span<const Index> cols) const {
  check_entry_lists(rows, cols, X_.rows(), X_.cols());
  Vector out(static_cast<Index>(rows.size()));
  for (std::size_t k = 0; k < rows.size(); ++k) out(static_cast<Index>(k)) = X_(rows[k], cols[k]);
  return out;
}

double DenseEstimate::squared_distance(const Matrix& M) const { return (X_ - M).squaredNorm(); }

double DenseEstimate::squared_distance(const LowRankFactors& M) const {
  check_same_shape(M, rows(), cols());
  double sum = 0.0;
  for (Index j = 0; j < cols(); j += kColumnBlock) {
    const Index width = std::min(kColumnBlock, cols() - j);
    sum += (X_.middleCols(j, width) - M.left * M.right.middleRows(j, width).transpose()).squaredNorm();
  }
  return sum;
}

Matrix DenseEstimate::in_basis(const Matrix& phi, const Matrix& psi) const { return phi.transpose() * X_ * psi; }

FactoredEstimate::FactoredEstimate(Matrix P, Matrix core, Matrix Q)
    : form_{std::move(P), std::move(core), std::move(Q), Matrix()} {
  const Index R = form_.core.rows();
  if (form_.core.cols() != R || form_.P.cols() != R || form_.Q.cols() != R)
    throw InputError("factored estimate: P is " + std::to_string(form_.P.rows()) + " x " +
                     std::to_string(form_.P.cols()) + ", the core " + std::to_string(R) + " x " +
                     std::to_string(form_.core.cols()) + ", Q " + std::to_string(form_.Q.rows()) + " x " +
                     std::to_string(form_.Q.cols()) + " (P, Q need as many columns as the square core has rows)");
  form_.left = form_.P * form_.core;
}

FactoredEstimate FactoredEstimate::from_factors(const Matrix& left, const Matrix& right) {
  if (left.cols() != right.cols() || left.cols() > left.rows() || right.cols() > right.rows())
    throw InputError("factored estimate: factors of " + std::to_string(left.rows()) + " x " +
                     std::to_string(left.cols()) + " and " + std::to_string(right.rows()) + " x " +
                     std::to_string(right.cols()) + " (thin factors of equal width needed)");
  ThinQr L = thin_qr(left), R = thin_qr(right);
  return FactoredEstimate(std::move(L.Q), L.R * R.R.transpose(), std::move(R.Q));
}

Matrix FactoredEstimate::dense() const {
  const double bytes = 8.0 * static_cast<double>(rows()) * static_cast<double>(cols());
  if (bytes > static_cast<double>(kDenseEstimateLimitBytes))
    throw InputError("the estimate is " + std::to_string(rows()) + " x " + std::to_string(cols()) +
                     ": forming it densely would take " + std::to_string(bytes / 1e9) +
                     " GB; use its factors (X = left right^T) or entries instead");
  return form_.left * form_.Q.transpose();
}

Vector FactoredEstimate::singular_values() const { return thin_svd(form_.core).s; }

Vector FactoredEstimate::entries(std::span<const Index> rows, std::span<const Index> cols) const {
  check_entry_lists(rows, cols, this->rows(), this->cols());
  Vector out(static_cast<Index>(rows.size()));
  for (std::size_t k = 0; k < rows.size(); ++k)
    out(static_cast<Index>(k)) = form_.left.row(rows[k]).dot(form_.Q.row(cols[k]));
  return out;
}

bool FactoredEstimate::all_finite() const {
  return form_.P.allFinite() && form_.core.allFinite() && form_.Q.allFinite();
}

// Column block by column block, so that X is never formed whole and the difference is exact
// (||X||^2 - 2<X, M> + ||M||^2 would lose every digit of a small distance to cancellation).
double FactoredEstimate::squared_distance(const Matrix& M) const {
  if (M.rows() != rows() || M.cols() != cols())
    throw InputError("squared distance: a " + std::to_string(M.rows()) + " x " + std::to_string(M.cols()) +
                     " matrix against a " + std::to_string(rows()) + " x " + std::to_string(cols()) + " estimate");
  double sum = 0.0;
  for (Index j = 0; j < cols(); j += kColumnBlock) {
    const Index width = std::min(kColumnBlock, cols() - j);
    sum += (M.middleCols(j, width) - form_.left * form_.Q.middleRows(j, width).transpose()).squaredNorm();
  }
  return sum;
}

// X - M = [left, -M.left] [Q, M.right]^T = A B^T. With B = Q_B R_B (Q_B orthonormal columns),
// ||A B^T||_F = ||A R_B^T||_F: an n1 x (R + k) matrix whose norm is taken on the difference itself,
// so a small distance keeps its digits (||X||^2 - 2<X, M> + ||M||^2 would cancel them).
double FactoredEstimate::squared_distance(const LowRankFactors& M) const {
  check_same_shape(M, rows(), cols());
  const Index R = form_.Q.cols(), k = M.rank(), width = R + k;
  Matrix A(rows(), width), B(cols(), width);
  A << form_.left, -M.left;
  B << form_.Q, M.right;
  const Eigen::HouseholderQR<Matrix> qr(B);
  const Index kept = std::min(cols(), width);
  const Matrix RB = qr.matrixQR().topRows(kept).triangularView<Eigen::Upper>();
  return (A * RB.transpose()).squaredNorm();
}

Matrix FactoredEstimate::in_basis(const Matrix& phi, const Matrix& psi) const {
  return (phi.transpose() * form_.P) * form_.core * (form_.Q.transpose() * psi);
}

namespace {
enum class SavedForm : std::uint64_t { none = 0, dense = 1, factored = 2 };
}

void save_estimate(const Estimate* estimate, StateWriter& out) {
  if (estimate == nullptr) {
    out.put_u64(static_cast<std::uint64_t>(SavedForm::none));
  } else if (const Matrix* X = estimate->dense_form()) {
    out.put_u64(static_cast<std::uint64_t>(SavedForm::dense));
    out.put_matrix(*X);
  } else if (const FactoredForm* f = estimate->factored_form()) {
    out.put_u64(static_cast<std::uint64_t>(SavedForm::factored));
    out.put_matrix(f->P);
    out.put_matrix(f->core);
    out.put_matrix(f->Q);
  } else {
    throw std::logic_error("save_estimate: an estimate neither dense nor factored");
  }
}

EstimatePtr restore_estimate(StateReader& in) {
  switch (static_cast<SavedForm>(in.get_u64())) {
    case SavedForm::none: return nullptr;
    case SavedForm::dense: return std::make_shared<DenseEstimate>(in.get_matrix());
    case SavedForm::factored: {
      Matrix P = in.get_matrix(), core = in.get_matrix(), Q = in.get_matrix();
      if (core.rows() != core.cols() || P.cols() != core.rows() || Q.cols() != core.rows())
        in.fail("a factored estimate of inconsistent shape");
      return std::make_shared<FactoredEstimate>(std::move(P), std::move(core), std::move(Q));
    }
  }
  in.fail("an estimate of unknown form");
}

}  // namespace snnsense
