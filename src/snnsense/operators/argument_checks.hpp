#pragma once
// Argument checks shared by every operator, so they all reject the same mistakes in the same words.
// Eigen only asserts on mismatched shapes, and release builds compile those asserts out.
#include <span>

#include "snnsense/operators/measurement_operator.hpp"

namespace snnsense {

// Operators act on n1 x n2 matrices with both dimensions positive.
void check_matrix_shape(Index n1, Index n2);

void check_apply_argument(const MeasurementOperator& op, const Matrix& X);
void check_adjoint_argument(const MeasurementOperator& op, const Vector& r);
// The measurements y that a residual A(X) - y compares with.
void check_residual_argument(const MeasurementOperator& op, const Vector& y);

// Thin factors of an n1 x n2 matrix: left n1 x R, right n2 x R.
void check_factor_arguments(const MeasurementOperator& op, const Matrix& left, const Matrix& right);
// A thin basis with `expected_rows` rows (n1 for P, n2 for Q), named `name` in the message.
void check_basis_argument(const Matrix& basis, Index expected_rows, const char* name);

// Every index must name one of the operator's m measurements.
void check_measurement_indices(std::span<const Index> indices, Index m);

}  // namespace snnsense
