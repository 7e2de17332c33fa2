#include "snnsense/operators/distributed_operator.hpp"

#include <algorithm>
#include <numeric>

#include "snnsense/operators/argument_checks.hpp"

namespace snnsense {

DistributedOperator::DistributedOperator(OperatorPtr part, std::vector<Index> positions, Index total,
                                         CommunicatorPtr comm)
    : part_(std::move(part)), positions_(std::move(positions)), total_(total), comm_(std::move(comm)) {
  if (static_cast<Index>(positions_.size()) != part_->measurements())
    throw InputError("distributed operator: " + std::to_string(positions_.size()) + " positions for a part of " +
                     std::to_string(part_->measurements()) + " measurements");
  if (!std::is_sorted(positions_.begin(), positions_.end()) ||
      std::adjacent_find(positions_.begin(), positions_.end()) != positions_.end() ||
      (!positions_.empty() && (positions_.front() < 0 || positions_.back() >= total_)))
    throw InputError("distributed operator: positions must ascend within [0, " + std::to_string(total_) + ")");
}

OperatorPtr DistributedOperator::contiguous(OperatorPtr part, Index offset, Index total, CommunicatorPtr comm) {
  std::vector<Index> positions(static_cast<std::size_t>(part->measurements()));
  std::iota(positions.begin(), positions.end(), offset);
  return std::make_shared<DistributedOperator>(std::move(part), std::move(positions), total, std::move(comm));
}

Matrix DistributedOperator::adjoint(const Vector& r) const {
  Matrix G = part_->adjoint(r);
  sum(G);
  return G;
}

void DistributedOperator::residual_and_adjoint(const Matrix& X, const Vector& y, Vector& r, Matrix& G,
                                               ParallelFor* pool) const {
  part_->residual_and_adjoint(X, y, r, G, pool);
  sum(G);
}

Matrix DistributedOperator::adjoint_times(const Vector& r, const Matrix& Q, ParallelFor* pool) const {
  Matrix product = part_->adjoint_times(r, Q, pool);
  sum(product);
  return product;
}

Matrix DistributedOperator::adjoint_transpose_times(const Vector& r, const Matrix& P, ParallelFor* pool) const {
  Matrix product = part_->adjoint_transpose_times(r, P, pool);
  sum(product);
  return product;
}

FactoredResidual DistributedOperator::factored_residual(const Matrix& left, const Matrix& right, const Vector& y,
                                                        double divisor, ParallelFor* pool) const {
  FactoredResidual out = part_->factored_residual(left, right, y, divisor, pool);
  // One message: the n1 x R product and, after it, the squared norm.
  const Index n = out.adjoint_times_right.size();
  Vector buffer(n + 1);
  buffer.head(n) = Eigen::Map<const Vector>(out.adjoint_times_right.data(), n);
  buffer(n) = out.squared_norm;
  comm_->sum(std::span<double>(buffer.data(), static_cast<std::size_t>(buffer.size())));
  Eigen::Map<Vector>(out.adjoint_times_right.data(), n) = buffer.head(n);
  out.squared_norm = buffer(n);
  return out;
}

void DistributedOperator::pick(std::span<const Index> indices, std::vector<Index>& local,
                               std::vector<Index>& positions) const {
  check_measurement_indices(indices, total_);
  local.clear();
  positions.clear();
  for (std::size_t k = 0; k < indices.size(); ++k) {
    const auto at = std::lower_bound(positions_.begin(), positions_.end(), indices[k]);
    if (at == positions_.end() || *at != indices[k]) continue;
    local.push_back(static_cast<Index>(at - positions_.begin()));
    positions.push_back(static_cast<Index>(k));
  }
}

OperatorPtr DistributedOperator::subset(std::span<const Index> indices) const {
  std::vector<Index> local, positions;
  pick(indices, local, positions);
  // The subset's positions ascend with k, as a distributed operator's must; its total is the subset's size.
  return std::make_shared<DistributedOperator>(part_->subset(local), std::move(positions),
                                               static_cast<Index>(indices.size()), comm_);
}

Vector DistributedOperator::subset_values(const Vector& values, std::span<const Index> indices) const {
  std::vector<Index> local, positions;
  pick(indices, local, positions);
  return part_->subset_values(values, local);
}

}  // namespace snnsense
