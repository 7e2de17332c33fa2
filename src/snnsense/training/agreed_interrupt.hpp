#pragma once
// Interruption of a run held by several processes (data-parallel training): a signal reaches
// each process at its own moment, but all must stop after the same iteration (each waits for the
// others in every step's sums). Each iteration this callback sums the processes' local flags, and
// raises `agreed()` on all of them at once; the stop itself is left to whoever reads that flag
// (the checkpoint writer, or InterruptStop), placed after this callback.
#include <atomic>

#include "snnsense/core/communicator.hpp"
#include "snnsense/training/callback.hpp"

namespace snnsense {

class AgreedInterrupt : public Callback {
 public:
  // Holds references to both: they must outlive this object.
  AgreedInterrupt(const Communicator& comm, const std::atomic<bool>& local) : comm_(comm), local_(local) {}

  std::optional<StopReason> on_iteration(const IterationState& state) override;
  const std::atomic<bool>& agreed() const { return agreed_; }

 private:
  const Communicator& comm_;
  const std::atomic<bool>& local_;
  std::atomic<bool> agreed_{false};
};

}  // namespace snnsense
