#pragma once
// The pseudo-inverse of the m x m Gram matrix G = B B* of a linear map B from n1 x n2 matrices to
// R^m: the measurement operator itself (affine projections, P(y)) or the measurement operator
// restricted to a tangent space (least-squares dual certificates).
//
// Up to dense_limit measurements G is formed column by column, G e_i = B(B*(e_i)), and
// eigendecomposed: the pseudo-inverse then handles rank deficiency (more measurements than
// unknowns, repeated completion entries) exactly. Beyond it G is only applied, and systems are
// solved by conjugate gradients.
#include <functional>

#include "snnsense/operators/measurement_operator.hpp"

namespace snnsense {

inline constexpr Index kDenseGramLimit = 4000;

class GramPseudoInverse {
 public:
  using Forward = std::function<Vector(const Matrix&)>;  // B
  using Adjoint = std::function<Matrix(const Vector&)>;  // B*

  GramPseudoInverse(Index m, Forward forward, Adjoint adjoint, Index dense_limit = kDenseGramLimit);
  // B = A.
  explicit GramPseudoInverse(const MeasurementOperator& op, Index dense_limit = kDenseGramLimit);

  // G^+ r. Exact (up to rounding) for any r when G is formed; by conjugate gradients only for r in
  // range(G), which holds for every r the solvers pass (residuals of targets already in range(B)).
  Vector solve(const Vector& r) const;
  // The orthogonal projection of y onto range(B) = range(G).
  Vector range_projection(const Vector& y) const;

  bool formed() const { return formed_; }
  // Orthonormal columns spanning null(G) = null(B*), the freedom left in the solutions of
  // least-squares problems in B*. Only when G is formed; empty (m x 0) otherwise.
  const Matrix& null_space() const { return null_basis_; }

 private:
  Index m_;
  Forward forward_;
  Adjoint adjoint_;
  bool formed_;
  Matrix range_basis_;     // eigenvectors of G whose eigenvalues are not rounding noise
  Vector inverse_values_;  // their reciprocal eigenvalues
  Matrix null_basis_;      // the other eigenvectors
};

}  // namespace snnsense
