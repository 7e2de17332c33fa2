#include "snnsense/operators/argument_checks.hpp"

#include <string>

#include "snnsense/core/error.hpp"

namespace snnsense {

namespace {

std::string shape(Index rows, Index cols) { return std::to_string(rows) + " x " + std::to_string(cols); }

}  // namespace

void check_matrix_shape(Index n1, Index n2) {
  if (n1 < 1 || n2 < 1) throw InputError("operator matrix shape " + shape(n1, n2) + " must be positive");
}

void check_apply_argument(const MeasurementOperator& op, const Matrix& X) {
  if (X.rows() != op.rows() || X.cols() != op.cols())
    throw InputError("operator applied to a " + shape(X.rows(), X.cols()) + " matrix, expected " +
                     shape(op.rows(), op.cols()));
}

void check_adjoint_argument(const MeasurementOperator& op, const Vector& r) {
  if (r.size() != op.measurements())
    throw InputError("operator adjoint given " + std::to_string(r.size()) + " residuals, expected " +
                     std::to_string(op.measurements()));
}

void check_residual_argument(const MeasurementOperator& op, const Vector& y) {
  if (y.size() != op.measurements())
    throw InputError("residual against " + std::to_string(y.size()) + " measurements, expected " +
                     std::to_string(op.measurements()));
}

void check_factor_arguments(const MeasurementOperator& op, const Matrix& left, const Matrix& right) {
  if (left.rows() != op.rows() || right.rows() != op.cols() || left.cols() != right.cols())
    throw InputError("operator applied to factors of " + shape(left.rows(), left.cols()) + " and " +
                     shape(right.rows(), right.cols()) + ", expected " + std::to_string(op.rows()) + " x R and " +
                     std::to_string(op.cols()) + " x R");
}

void check_basis_argument(const Matrix& basis, Index expected_rows, const char* name) {
  if (basis.rows() != expected_rows)
    throw InputError(std::string("adjoint product with a basis ") + name + " of " + shape(basis.rows(), basis.cols()) +
                     ", expected " + std::to_string(expected_rows) + " rows");
}

void check_measurement_indices(std::span<const Index> indices, Index m) {
  for (const Index i : indices)
    if (i < 0 || i >= m)
      throw InputError("measurement index " + std::to_string(i) + " outside [0, " + std::to_string(m) + ")");
}

}  // namespace snnsense
