#pragma once
// What a model produces: an estimate of the n1 x n2 matrix X. The loss, the metrics, the callbacks
// and the run files use it only through this interface, so an estimate that is never formed
// densely (the factored SNN's X = P C Q^T at 10^5 x 10^5) goes through the same trainer, trace
// recorder and run files as a dense one.
//
// Two forms exist: dense (the matrix itself) and factored (X = P C Q^T with P, Q having
// orthonormal columns, R of them). Code that can use a form's structure asks for it
// (dense_form(), factored_form()); everything else asks the questions below, which every
// estimate answers without forming X.
#include <memory>
#include <optional>
#include <span>

#include "snnsense/core/state_stream.hpp"
#include "snnsense/core/types.hpp"
#include "snnsense/linalg/low_rank_factors.hpp"

namespace snnsense {

// X = P core Q^T = left Q^T; P (n1 x R) and Q (n2 x R) have orthonormal columns. left = P core
// is kept because every pass over the measurements (A(left Q^T)) and every entry reads it.
struct FactoredForm {
  Matrix P;
  Matrix core;
  Matrix Q;
  Matrix left;
};

class Estimate {
 public:
  virtual ~Estimate() = default;

  virtual Index rows() const = 0;
  virtual Index cols() const = 0;

  // The stored matrix of a dense estimate; null for any other.
  virtual const Matrix* dense_form() const { return nullptr; }
  // The factors of a factored estimate; null for any other.
  virtual const FactoredForm* factored_form() const { return nullptr; }

  // X as an n1 x n2 matrix, formed on demand: for small problems and for analyses that need it
  // (the KKT residual, images). InputError when forming it would take more than
  // kDenseEstimateLimitBytes.
  virtual Matrix dense() const = 0;

  // The singular values of X, descending: min(n1, n2) of them for a dense estimate, R (the
  // others are zero) for a factored one.
  virtual Vector singular_values() const = 0;
  // X(rows[k], cols[k]) for each k.
  virtual Vector entries(std::span<const Index> rows, std::span<const Index> cols) const = 0;
  virtual bool all_finite() const = 0;
  // ||X - M||_F^2 for an n1 x n2 matrix M (the distance to a known ground truth).
  virtual double squared_distance(const Matrix& M) const = 0;
  // ||X - left right^T||_F^2 for a factored n1 x n2 matrix, without forming it (a large problem's
  // ground truth), computed on the difference itself rather than from norms and inner products.
  virtual double squared_distance(const LowRankFactors& M) const = 0;
  virtual double squared_norm() const = 0;  // ||X||_F^2
  // phi^T X psi for phi n1 x k and psi n2 x k (X in a well-specified problem's basis).
  virtual Matrix in_basis(const Matrix& phi, const Matrix& psi) const = 0;
};

using EstimatePtr = std::shared_ptr<const Estimate>;

// The most memory an estimate's dense() may take: 1 GiB (2^27 doubles).
inline constexpr Index kDenseEstimateLimitBytes = Index{1} << 30;

class DenseEstimate final : public Estimate {
 public:
  explicit DenseEstimate(Matrix X) : X_(std::move(X)) {}

  Index rows() const override { return X_.rows(); }
  Index cols() const override { return X_.cols(); }
  const Matrix* dense_form() const override { return &X_; }
  Matrix dense() const override { return X_; }
  Vector singular_values() const override;
  Vector entries(std::span<const Index> rows, std::span<const Index> cols) const override;
  bool all_finite() const override { return X_.allFinite(); }
  double squared_distance(const Matrix& M) const override;
  double squared_distance(const LowRankFactors& M) const override;
  double squared_norm() const override { return X_.squaredNorm(); }
  Matrix in_basis(const Matrix& phi, const Matrix& psi) const override;

  const Matrix& matrix() const { return X_; }

 private:
  Matrix X_;
};

class FactoredEstimate : public Estimate {
 public:
  // P and Q must have orthonormal columns (not checked beyond shapes: the caller's bases are).
  FactoredEstimate(Matrix P, Matrix core, Matrix Q);
  // X = left right^T for any thin factors: orthonormalised by two QR decompositions.
  static FactoredEstimate from_factors(const Matrix& left, const Matrix& right);

  Index rows() const override { return form_.P.rows(); }
  Index cols() const override { return form_.Q.rows(); }
  const FactoredForm* factored_form() const override { return &form_; }
  Matrix dense() const override;
  Vector singular_values() const override;
  Vector entries(std::span<const Index> rows, std::span<const Index> cols) const override;
  bool all_finite() const override;
  double squared_distance(const Matrix& M) const override;
  double squared_distance(const LowRankFactors& M) const override;
  double squared_norm() const override { return form_.core.squaredNorm(); }
  Matrix in_basis(const Matrix& phi, const Matrix& psi) const override;

 private:
  FactoredForm form_;
};

// An estimate (or none) in its own form, dense or factored, for a checkpoint: restored, it holds
// the same numbers bit for bit (a factored one recomputes left = P core as its constructor did).
void save_estimate(const Estimate* estimate, StateWriter& out);
EstimatePtr restore_estimate(StateReader& in);

}  // namespace snnsense
