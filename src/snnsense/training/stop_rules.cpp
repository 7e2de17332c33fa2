#include "snnsense/training/stop_rules.hpp"

#include <cmath>
#include <csignal>

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

std::atomic<bool> sigint_raised{false};
using Handler = void (*)(int);
Handler previous_handler = SIG_DFL;

extern "C" void raise_sigint_flag(int) { sigint_raised.store(true); }

}  // namespace

SigintFlag::SigintFlag() {
  sigint_raised.store(false);
  previous_handler = std::signal(SIGINT, raise_sigint_flag);
}

SigintFlag::~SigintFlag() { std::signal(SIGINT, previous_handler); }

const std::atomic<bool>& SigintFlag::flag() const { return sigint_raised; }

}  // namespace snnsense
