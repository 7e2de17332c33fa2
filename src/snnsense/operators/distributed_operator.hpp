#pragma once
// A measurement operator held in parts, one per process of a Communicator (data-parallel
// training, docs/architecture.md "Several processes"). Each process holds its part's operator
// and measurements; parameters and estimates are replicated. Whatever maps measurements into
// the matrix space is summed over the parts here, so the trainer and the models see one operator:
//
//   adjoint, residual_and_adjoint    one n1 x n2 sum (dense estimates: small problems)
//   adjoint_times, ..._transpose_*   one n x R sum   (factored estimates: science.md section 7)
//   factored_residual                one n1 x R + 1 sum (G Q and ||r||^2 in one buffer)
//   sum_over_parts                   the callers' sums over measurements (losses, RMSE)
//
// Measurement vectors (y, residuals, apply's values) are this process's part, in its order. The
// total operator's measurement k (what subset() and slice() index) is held by the one process
// whose `positions` list k; positions ascend, so the parts in rank order are the total in order.
// The only difference from one process is the order of the sums' terms (each part sums its own
// entries, then the communicator adds the parts): results agree to rounding.
#include "snnsense/core/communicator.hpp"
#include "snnsense/operators/measurement_operator.hpp"

namespace snnsense {

class DistributedOperator final : public MeasurementOperator {
 public:
  // `part` measures the total's measurements `positions` (ascending, in [0, total)), one per row.
  DistributedOperator(OperatorPtr part, std::vector<Index> positions, Index total, CommunicatorPtr comm);
  // The part holding the contiguous measurements [offset, offset + part->measurements()).
  static OperatorPtr contiguous(OperatorPtr part, Index offset, Index total, CommunicatorPtr comm);

  OperatorKind kind() const override { return part_->kind(); }
  Index measurements() const override { return part_->measurements(); }
  Index rows() const override { return part_->rows(); }
  Index cols() const override { return part_->cols(); }
  Index total_measurements() const override { return total_; }
  void sum_over_parts(std::span<double> sums) const override { comm_->sum(sums); }

  Vector apply(const Matrix& X) const override { return part_->apply(X); }
  Matrix adjoint(const Vector& r) const override;
  void residual_and_adjoint(const Matrix& X, const Vector& y, Vector& r, Matrix& G, ParallelFor* pool) const override;
  Vector apply_factored(const Matrix& left, const Matrix& right) const override {
    return part_->apply_factored(left, right);
  }
  Matrix adjoint_times(const Vector& r, const Matrix& Q, ParallelFor* pool) const override;
  Matrix adjoint_transpose_times(const Vector& r, const Matrix& P, ParallelFor* pool) const override;
  FactoredResidual factored_residual(const Matrix& left, const Matrix& right, const Vector& y, double divisor,
                                     ParallelFor* pool) const override;

  // `indices` number the total's measurements; the result holds this process's share of them.
  OperatorPtr subset(std::span<const Index> indices) const override;
  Vector subset_values(const Vector& values, std::span<const Index> indices) const override;
  // This process's rows only.
  RowMatrix dense() const override { return part_->dense(); }

  const MeasurementOperator& part() const { return *part_; }
  const std::vector<Index>& positions() const { return positions_; }
  const Communicator& communicator() const { return *comm_; }

 private:
  // For subset(indices): the local indices of the measurements held here, in the order of
  // `indices`, and their positions in the subset.
  void pick(std::span<const Index> indices, std::vector<Index>& local, std::vector<Index>& positions) const;
  void sum(Matrix& M) const { comm_->sum(std::span<double>(M.data(), static_cast<std::size_t>(M.size()))); }

  OperatorPtr part_;
  std::vector<Index> positions_;
  Index total_;
  CommunicatorPtr comm_;
};

}  // namespace snnsense
