#pragma once
// The MPI world as a Communicator: built only when CMake finds MPI (SNNSENSE_MPI). Only the
// calling thread uses MPI; the thread pools of a run never do.
#include "snnsense/core/communicator.hpp"

namespace snnsense {

class MpiCommunicator final : public Communicator {
 public:
  // Initialises MPI (once per process) and finalises it on destruction.
  MpiCommunicator(int& argc, char**& argv);
  ~MpiCommunicator() override;
  MpiCommunicator(const MpiCommunicator&) = delete;
  MpiCommunicator& operator=(const MpiCommunicator&) = delete;

  int rank() const override { return rank_; }
  int size() const override { return size_; }
  // A fixed-order reduce-scatter and all-gather: rank k adds slice k of the K buffers in rank
  // order (v_0 + v_1 + ... + v_{K-1}, left to right), and all gather the sums. About 2 (K-1)/K of
  // the buffer goes in and out of each process, whatever K (docs/performance.md).
  void sum(std::span<double> values) const override;
  void broadcast(std::string& text, int root) const override;
  std::string first_failure(const std::string& failure) const override;

  // Ends every process of the world with `code`: for a failure the others cannot know of (they
  // may be waiting in a collective operation).
  [[noreturn]] void abort(int code) const;

  // Whether this process was started by mpirun/mpiexec (its environment says so): otherwise the
  // CLI runs as one process without initialising MPI.
  static bool launched_by_mpirun();

 private:
  int rank_ = 0;
  int size_ = 1;
};

}  // namespace snnsense
