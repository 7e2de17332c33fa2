#pragma once
// The processes of a run and the few collective operations data-parallel training needs: sums of
// double buffers, a broadcast, and an agreed failure check. SerialCommunicator is one process
// (every operation the identity); mpi/mpi_communicator.hpp is the MPI world. Layers above core
// see only this interface, so the library builds and runs without MPI.
#include <functional>
#include <memory>
#include <span>
#include <string>

#include "snnsense/core/error.hpp"

namespace snnsense {

class Communicator {
 public:
  virtual ~Communicator() = default;

  virtual int rank() const = 0;  // 0 .. size() - 1
  virtual int size() const = 0;

  // Every process passes its buffer (the same length everywhere) and gets the elementwise sum over
  // the processes. The sum is formed in an order fixed by rank and size alone, and every process
  // receives the same bits: results are deterministic for a given process count.
  virtual void sum(std::span<double> values) const = 0;
  // Rank `root`'s text replaces every other process's.
  virtual void broadcast(std::string& text, int root) const = 0;
  // Every process passes its failure ("" when it did not fail); all get the failure of the
  // lowest-ranked process that failed, "" when none did. A collective: no process leaves before all came.
  virtual std::string first_failure(const std::string& failure) const = 0;
};

using CommunicatorPtr = std::shared_ptr<const Communicator>;

class SerialCommunicator final : public Communicator {
 public:
  int rank() const override { return 0; }
  int size() const override { return 1; }
  void sum(std::span<double>) const override {}
  void broadcast(std::string&, int) const override {}
  std::string first_failure(const std::string& failure) const override { return failure; }
};

// A failure every process agrees on: thrown on all of them with the same message (the first
// failing rank's), so that each can stop cleanly and only one prints it.
class AgreedError : public Error {
 public:
  using Error::Error;
};

// Runs `work` on every process; if it throws an Error on any of them, every process throws
// AgreedError with the lowest failing rank's message. Other exceptions pass through unagreed.
void run_agreed(const Communicator& comm, const std::function<void()>& work);

}  // namespace snnsense
