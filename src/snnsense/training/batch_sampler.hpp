#pragma once
// Seeded minibatches: each epoch visits the training measurements in a fresh random order. The
// order is drawn over the operator's total measurements, so the processes of a distributed run
// draw the same batches and each takes its own part of them.
#include <span>
#include <vector>

#include "snnsense/core/rng.hpp"
#include "snnsense/operators/measurement_operator.hpp"

namespace snnsense {

class BatchSampler {
 public:
  // batch_size 0 (or at least the number of measurements): every step sees all of them.
  BatchSampler(const OperatorPtr& full, const Vector& y, Index batch_size, std::uint64_t seed);

  bool full_batch() const;
  // The next batch's operator and measurements.
  void next(OperatorPtr& op, Vector& y);
  // Draws `batches` batches without forming them: a resumed run's sampler replays the draws made
  // before its checkpoint (the shuffles are its only state) and then goes on as the run did.
  void skip(Index batches);

 private:
  std::span<const Index> advance();

  OperatorPtr full_;
  const Vector& y_;
  std::size_t batch_;
  Rng rng_;
  std::vector<Index> order_;
  std::size_t cursor_;
};

}  // namespace snnsense
