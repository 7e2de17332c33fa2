#include "snnsense/training/batch_sampler.hpp"

#include <numeric>

namespace snnsense {

BatchSampler::BatchSampler(const OperatorPtr& full, const Vector& y, Index batch_size, std::uint64_t seed)
    : full_(full), y_(y), batch_(static_cast<std::size_t>(batch_size)), rng_(seed), order_(full->total_measurements()) {
  std::iota(order_.begin(), order_.end(), Index{0});
  cursor_ = order_.size();
}

bool BatchSampler::full_batch() const {
  return batch_ == 0 || batch_ >= static_cast<std::size_t>(full_->total_measurements());
}

std::span<const Index> BatchSampler::advance() {
  if (cursor_ + batch_ > order_.size()) {
    for (std::size_t i = order_.size(); i > 1; --i) std::swap(order_[i - 1], order_[rng_.below(i)]);
    cursor_ = 0;
  }
  const std::span<const Index> picked(order_.data() + cursor_, batch_);
  cursor_ += batch_;
  return picked;
}

void BatchSampler::next(OperatorPtr& op, Vector& y) {
  if (full_batch()) {
    op = full_;
    y = y_;
    return;
  }
  const std::span<const Index> picked = advance();
  op = full_->subset(picked);
  y = full_->subset_values(y_, picked);
}

void BatchSampler::skip(Index batches) {
  if (full_batch()) return;
  for (Index k = 0; k < batches; ++k) advance();
}

}  // namespace snnsense
