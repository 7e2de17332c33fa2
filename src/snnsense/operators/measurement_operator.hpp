#pragma once
// The measurement-operator concept: y_i = <A_i, X> for i = 1..m, and its adjoint
// A*(r) = sum_i r_i A_i. Models, the trainer and the convex solver use only this interface, so
// they never know whether A is stored densely, by a shared basis, by entries or as rank-one factors.
//
// vec(X) is numpy's C order (index i * n2 + j): a dense operator stored as an m x (n1*n2) array
// on disk is exactly what `A.reshape(m, -1) @ X.ravel()` computes in numpy.
#include <array>
#include <memory>
#include <span>
#include <string>

#include "snnsense/core/enum_names.hpp"
#include "snnsense/core/types.hpp"

namespace snnsense {

class ParallelFor;

enum class OperatorKind { dense, spectral, completion, rank_one };

template <>
struct EnumNames<OperatorKind> {
  static constexpr std::array<std::pair<OperatorKind, std::string_view>, 4> table{
      {{OperatorKind::dense, "dense"},
       {OperatorKind::spectral, "spectral"},
       {OperatorKind::completion, "completion"},
       {OperatorKind::rank_one, "rank-one"}}};
};

// Throws InputError naming the accepted kinds.
inline OperatorKind operator_kind_from_string(const std::string& name) {
  return enum_from_string<OperatorKind>(name, "unknown operator");
}

// What MeasurementOperator::factored_residual gives.
struct FactoredResidual {
  double squared_norm = 0.0;   // ||A(X) - y||^2
  Vector weights;              // (A(X) - y) / divisor, in the measurements' order
  Matrix adjoint_times_right;  // A*(weights) right
};

class MeasurementOperator;
using OperatorPtr = std::shared_ptr<const MeasurementOperator>;

class MeasurementOperator {
 public:
  virtual ~MeasurementOperator() = default;

  virtual OperatorKind kind() const = 0;
  virtual Index measurements() const = 0;  // m
  virtual Index rows() const = 0;          // n1
  virtual Index cols() const = 0;          // n2

  // X is rows() x cols(); returns the m measurements.
  virtual Vector apply(const Matrix& X) const = 0;
  // r has measurements() entries; returns sum_i r_i A_i.
  virtual Matrix adjoint(const Vector& r) const = 0;

  // r = A(X) - y and G = A*(r): the two products of a least-squares gradient. This default calls
  // apply() and adjoint(); the dense operator reads its matrix once instead of twice and shares
  // the rows among the threads of `pool` (null: the calling thread alone), with results that do
  // not depend on the thread count.
  virtual void residual_and_adjoint(const Matrix& X, const Vector& y, Vector& r, Matrix& G, ParallelFor* pool) const;

  // The products a factored estimate X = left right^T (left n1 x R, right n2 x R) needs:
  // A(left right^T), and with the residual's adjoint S = A*(r), S Q (Q n2 x R) and S^T P
  // (P n1 x R). These defaults form the n1 x n2 matrices (small problems); an operator with
  // structure (completion) overrides them to cost O(m R), never form n1 x n2, and share the work
  // among the threads of `pool` (null: the calling thread alone) with results that do not depend
  // on the thread count.
  virtual Vector apply_factored(const Matrix& left, const Matrix& right) const;
  virtual Matrix adjoint_times(const Vector& r, const Matrix& Q, ParallelFor* pool) const;
  virtual Matrix adjoint_transpose_times(const Vector& r, const Matrix& P, ParallelFor* pool) const;
  // The first half of a factored least-squares gradient: with r = A(left right^T) - y and the
  // weights w = r / divisor, ||r||^2, w and A*(w) right. This default calls apply_factored() and
  // adjoint_times(); completion does it in one pass over its entries.
  virtual FactoredResidual factored_residual(const Matrix& left, const Matrix& right, const Vector& y, double divisor,
                                             ParallelFor* pool) const;

  // The operator restricted to the given measurement indices, in that order (train/test splits,
  // minibatches). Indices must lie in [0, total_measurements()).
  virtual OperatorPtr subset(std::span<const Index> indices) const = 0;
  // The entries of `values` (a vector of this operator's measurements) that subset(indices) measures, in its order.
  virtual Vector subset_values(const Vector& values, std::span<const Index> indices) const;

  // An operator held in parts, one per process (operators/distributed_operator.hpp), has
  // measurements() and measurement vectors of this process's part only; the products into the
  // matrix space (adjoint and its products with thin matrices) are already summed over the parts.
  // These two say what holds for all parts together; an operator held whole is its own total.
  virtual Index total_measurements() const { return measurements(); }
  // Completes sums over measurements (of a residual's squares, say) by adding every part's, in place.
  virtual void sum_over_parts(std::span<double> /*sums*/) const {}

  // The m x (n1*n2) dense expansion; row i is vec(A_i) in C order. For tests and small problems.
  virtual RowMatrix dense() const;

  // Measurements [begin, end) of the total: the contiguous case of subset().
  OperatorPtr slice(Index begin, Index end) const;
};

}  // namespace snnsense
