#include "snnsense/convex/min_frobenius_interpolant.hpp"

#include "snnsense/convex/gram_pseudo_inverse.hpp"

namespace snnsense {

Matrix min_frobenius_interpolant(const MeasurementOperator& op, const Vector& y) {
  const GramPseudoInverse gram(op);
  return op.adjoint(gram.solve(y));
}

}  // namespace snnsense
