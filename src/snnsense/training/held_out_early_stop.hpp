#pragma once
// Early stopping on the held-out measurements, with the best iterate kept: the guard against
// fitting the noise of the observed entries that completion on real data needs.
#include <optional>

#include "snnsense/operators/measurement_operator.hpp"
#include "snnsense/training/callback.hpp"

namespace snnsense {

// Every `every` iterations (and at the end) measures the held-out loss 1/(2m) ||A_test(X) - y||^2
// of the estimate, remembers the parameters of the lowest, and stops with test_loss_stalled once
// `patience` checks in a row have not lowered it. The trainer reports the remembered iterate.
class HeldOutEarlyStop : public Callback {
 public:
  struct Best {
    Index iteration = 0;
    double test_loss = 0.0;
    Vector params;
  };

  // The operator and y must outlive the callback. every >= 1, patience >= 1.
  HeldOutEarlyStop(const MeasurementOperator& test_operator, const Vector& test_y, Index every, Index patience);

  void on_begin(const IterationState& initial) override;
  std::optional<StopReason> on_iteration(const IterationState& state) override;
  // The reported iterate is checked too when no check fell on it, so a run that ends at its
  // budget between checks still compares its final iterate.
  void on_end(const IterationState& last, StopReason reason) override;
  void save_state(StateWriter& out) const override;
  void restore_state(StateReader& in) override;

  // The best checked iterate; none before the first finite check.
  const std::optional<Best>& best() const { return best_; }

 private:
  // Whether the check improved on the best.
  bool check(const IterationState& state);

  const MeasurementOperator& test_operator_;
  const Vector& test_y_;
  Index every_;
  Index patience_;
  Index stalled_ = 0;
  Index last_checked_ = -1;
  std::optional<Best> best_;
};

}  // namespace snnsense
