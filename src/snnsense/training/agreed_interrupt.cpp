#include "snnsense/training/agreed_interrupt.hpp"

#include <span>

namespace snnsense {

std::optional<StopReason> AgreedInterrupt::on_iteration(const IterationState&) {
  double raised = local_.load() ? 1.0 : 0.0;
  comm_.sum(std::span<double>(&raised, 1));
  if (raised > 0.0) agreed_.store(true);
  return std::nullopt;
}

}  // namespace snnsense
