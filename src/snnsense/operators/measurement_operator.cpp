#include "snnsense/operators/measurement_operator.hpp"

#include <array>
#include <numeric>
#include <string_view>
#include <vector>

#include "snnsense/core/error.hpp"
#include "snnsense/operators/argument_checks.hpp"

namespace snnsense {

void MeasurementOperator::residual_and_adjoint(const Matrix& X, const Vector& y, Vector& r, Matrix& G,
                                               ParallelFor* /*pool*/) const {
  check_residual_argument(*this, y);
  r = apply(X) - y;
  G = adjoint(r);
}

Vector MeasurementOperator::apply_factored(const Matrix& left, const Matrix& right) const {
  check_factor_arguments(*this, left, right);
  return apply(left * right.transpose());
}

Matrix MeasurementOperator::adjoint_times(const Vector& r, const Matrix& Q, ParallelFor* /*pool*/) const {
  check_basis_argument(Q, cols(), "Q");
  return adjoint(r) * Q;
}

Matrix MeasurementOperator::adjoint_transpose_times(const Vector& r, const Matrix& P, ParallelFor* /*pool*/) const {
  check_basis_argument(P, rows(), "P");
  return adjoint(r).transpose() * P;
}

FactoredResidual MeasurementOperator::factored_residual(const Matrix& left, const Matrix& right, const Vector& y,
                                                        double divisor, ParallelFor* pool) const {
  check_residual_argument(*this, y);
  const Vector r = apply_factored(left, right) - y;
  FactoredResidual out;
  out.squared_norm = r.squaredNorm();
  out.weights = r / divisor;
  out.adjoint_times_right = adjoint_times(out.weights, right, pool);
  return out;
}

RowMatrix MeasurementOperator::dense() const {
  // A*(e_i) = A_i, so the adjoint of each unit vector is one row of the expansion.
  const Index m = measurements(), n1 = rows(), n2 = cols();
  RowMatrix expansion(m, n1 * n2);
  for (Index i = 0; i < m; ++i) {
    const RowMatrix component = adjoint(Vector::Unit(m, i));
    expansion.row(i) = Eigen::Map<const Eigen::RowVectorXd>(component.data(), n1 * n2);
  }
  return expansion;
}

Vector MeasurementOperator::subset_values(const Vector& values, std::span<const Index> indices) const {
  check_residual_argument(*this, values);
  check_measurement_indices(indices, measurements());
  Vector picked(static_cast<Index>(indices.size()));
  for (std::size_t k = 0; k < indices.size(); ++k) picked(static_cast<Index>(k)) = values(indices[k]);
  return picked;
}

OperatorPtr MeasurementOperator::slice(Index begin, Index end) const {
  if (begin < 0 || begin > end || end > total_measurements())
    throw InputError("slice [" + std::to_string(begin) + ", " + std::to_string(end) + ") outside [0, " +
                     std::to_string(total_measurements()) + ")");
  std::vector<Index> indices(static_cast<std::size_t>(end - begin));
  std::iota(indices.begin(), indices.end(), begin);
  return subset(indices);
}

}  // namespace snnsense
