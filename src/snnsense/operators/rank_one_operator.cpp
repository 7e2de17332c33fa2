#include "snnsense/operators/rank_one_operator.hpp"

#include <string>
#include <utility>

#include "snnsense/core/error.hpp"
#include "snnsense/operators/argument_checks.hpp"

namespace snnsense {

RankOneOperator::RankOneOperator(Matrix left, Matrix right) : left_(std::move(left)), right_(std::move(right)) {
  check_matrix_shape(left_.cols(), right_.cols());
  if (left_.rows() != right_.rows())
    throw InputError("rank-one operator has " + std::to_string(left_.rows()) + " left factors but " +
                     std::to_string(right_.rows()) + " right factors");
}

Vector RankOneOperator::apply(const Matrix& X) const {
  check_apply_argument(*this, X);
  // a_i^T X b_i for all i at once: one m x n1 by n1 x n2 product, then row-wise dot products with b.
  return (left_ * X).cwiseProduct(right_).rowwise().sum();
}

Matrix RankOneOperator::adjoint(const Vector& r) const {
  check_adjoint_argument(*this, r);
  // sum_i r_i a_i b_i^T = a^T diag(r) b.
  return left_.transpose() * (r.asDiagonal() * right_);
}

OperatorPtr RankOneOperator::subset(std::span<const Index> indices) const {
  check_measurement_indices(indices, measurements());
  return std::make_shared<RankOneOperator>(left_(indices, Eigen::all), right_(indices, Eigen::all));
}

}  // namespace snnsense
