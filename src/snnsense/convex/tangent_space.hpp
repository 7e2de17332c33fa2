#pragma once
// The tangent space at X of the matrices of X's rank, T = {U A^T + B V^T}, where U and V hold the
// singular vectors of the singular values above relative_threshold * s_max. The subdifferential
// of the nuclear norm at X is {U V^T + W : P_T(W) = 0, ||W||_2 <= 1}, so optimality conditions
// split into a part on T and a part on its complement.
#include "snnsense/core/types.hpp"

namespace snnsense {

class TangentSpace {
 public:
  TangentSpace(const Matrix& X, double relative_threshold);

  Index rank() const { return U_.cols(); }
  // U V^T: the part of every subgradient of ||.||_* at X that lies in T.
  Matrix sign() const { return U_ * V_.transpose(); }
  Matrix project(const Matrix& Z) const;             // P_T(Z) = Z - P_T⊥(Z)
  Matrix project_complement(const Matrix& Z) const;  // P_T⊥(Z) = (I - U U^T) Z (I - V V^T)

 private:
  Matrix U_;
  Matrix V_;
};

}  // namespace snnsense
