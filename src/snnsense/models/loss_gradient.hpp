#pragma once
// The gradient of the loss with respect to X, G = dLoss/dX (n1 x n2), in the form the operator
// and the estimate produce: a dense model's backward pass reads the matrix; a factored model
// needs only the products G Q and G^T P with its thin bases, which an operator computes from the
// residual without forming G (completion: O(|Omega| R)).
#include "snnsense/core/types.hpp"

namespace snnsense {

class LossGradient {
 public:
  virtual ~LossGradient() = default;

  // G itself. Forms it when it is not stored (a dense model on a problem small enough for one).
  virtual const Matrix& dense() const = 0;
  // G Q for Q n2 x R, and G^T P for P n1 x R.
  virtual Matrix times(const Matrix& Q) const = 0;
  virtual Matrix transpose_times(const Matrix& P) const = 0;
};

class DenseLossGradient final : public LossGradient {
 public:
  // Holds a reference: G must outlive this object.
  explicit DenseLossGradient(const Matrix& G) : G_(G) {}

  const Matrix& dense() const override { return G_; }
  Matrix times(const Matrix& Q) const override { return G_ * Q; }
  Matrix transpose_times(const Matrix& P) const override { return G_.transpose() * P; }

 private:
  const Matrix& G_;
};

}  // namespace snnsense
