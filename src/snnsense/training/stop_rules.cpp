#include "snnsense/training/stop_rules.hpp"

#include <cmath>
#include <signal.h>

namespace snnsense {

std::optional<StopReason> DivergenceGuard::on_iteration(const IterationState& state) {
  if (!std::isfinite(state.loss) || !std::isfinite(state.gradient_norm)) return StopReason::diverged;
  if (state.iteration > 0 && state.loss > factor_ * state.initial_loss) return StopReason::diverged;
  return std::nullopt;
}

std::optional<StopReason> EarlyStop::on_iteration(const IterationState& state) {
  if (loss_tolerance_ > 0.0 && state.loss <= loss_tolerance_) return StopReason::loss_tolerance;
  if (gradient_tolerance_ > 0.0 && state.gradient_norm <= gradient_tolerance_) return StopReason::gradient_tolerance;
  return std::nullopt;
}

std::optional<StopReason> InterruptStop::on_iteration(const IterationState&) {
  if (flag_.load()) return StopReason::interrupted;
  return std::nullopt;
}

namespace {

constexpr int kSignals[] = {SIGINT, SIGTERM};

std::atomic<bool> interrupt_raised{false};
std::atomic<int> first_signal{0};
struct sigaction previous_actions[2];

extern "C" void raise_interrupt_flag(int signal_number) {
  int none = 0;
  first_signal.compare_exchange_strong(none, signal_number);
  interrupt_raised.store(true);
}

}  // namespace

InterruptSignals::InterruptSignals() {
  interrupt_raised.store(false);
  first_signal.store(0);
  struct sigaction action {};
  action.sa_handler = raise_interrupt_flag;
  sigemptyset(&action.sa_mask);
  action.sa_flags = SA_RESTART;  // a signal during a read or write resumes it instead of failing it
  for (int i = 0; i < 2; ++i) sigaction(kSignals[i], &action, &previous_actions[i]);
}

InterruptSignals::~InterruptSignals() {
  for (int i = 0; i < 2; ++i) sigaction(kSignals[i], &previous_actions[i], nullptr);
}

const std::atomic<bool>& InterruptSignals::flag() const { return interrupt_raised; }

int InterruptSignals::exit_code() const {
  const int signal_number = first_signal.load();
  return signal_number == 0 ? 0 : 128 + signal_number;
}

}  // namespace snnsense
