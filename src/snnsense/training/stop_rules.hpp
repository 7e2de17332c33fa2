#pragma once
// The callbacks that end a run: divergence, tolerances reached, and Ctrl-C or SIGTERM.
#include <atomic>

#include "snnsense/training/callback.hpp"

namespace snnsense {

// A non-finite loss or gradient, or a loss above factor x the initial loss.
class DivergenceGuard : public Callback {
 public:
  explicit DivergenceGuard(double factor) : factor_(factor) {}
  std::optional<StopReason> on_iteration(const IterationState& state) override;

 private:
  double factor_;
};

// Stops once the loss or the gradient norm falls to its tolerance (a zero tolerance never fires).
class EarlyStop : public Callback {
 public:
  EarlyStop(double loss_tolerance, double gradient_tolerance)
      : loss_tolerance_(loss_tolerance), gradient_tolerance_(gradient_tolerance) {}
  std::optional<StopReason> on_iteration(const IterationState& state) override;

 private:
  double loss_tolerance_;
  double gradient_tolerance_;
};

// Stops with "interrupted" once the flag is raised (by a SIGINT handler, a Python KeyboardInterrupt
// check, or a test). The current iteration finishes first, so everything recorded stays consistent.
class InterruptStop : public Callback {
 public:
  explicit InterruptStop(const std::atomic<bool>& flag) : flag_(flag) {}
  std::optional<StopReason> on_iteration(const IterationState& state) override;

 private:
  const std::atomic<bool>& flag_;
};

// While alive, SIGINT (Ctrl-C) and SIGTERM (what kill, timeout and SLURM send) raise the flag
// instead of ending the process, so the run finishes its step, writes what it recorded and removes
// its temporaries. The previous handlers are restored by the destructor.
class InterruptSignals {
 public:
  InterruptSignals();
  ~InterruptSignals();
  InterruptSignals(const InterruptSignals&) = delete;
  InterruptSignals& operator=(const InterruptSignals&) = delete;

  const std::atomic<bool>& flag() const;
  bool raised() const { return flag().load(); }
  // The shell's status for the first signal received: 130 for SIGINT, 143 for SIGTERM (128 + its
  // number); 0 while none was.
  int exit_code() const;
};

}  // namespace snnsense
