#pragma once
// The processes this run of the CLI is one of: the MPI world when the CLI was built with MPI and
// started by mpirun, one process otherwise. Only rank 0 prints and writes outputs; the others'
// standard output is discarded (their errors still reach standard error).
#include <memory>
#include <streambuf>
#include <string>

#include "snnsense/core/communicator.hpp"

namespace snnsense::cli {

class World {
 public:
  World(int& argc, char**& argv);
  ~World();
  World(const World&) = delete;
  World& operator=(const World&) = delete;

  const CommunicatorPtr& comm() const { return comm_; }
  bool is_root() const { return comm_->rank() == 0; }
  bool parallel() const { return comm_->size() > 1; }

  // A failure the other processes cannot know of (they may be waiting in a collective): prints
  // `line` and ends every process with `code`. One process: prints and returns.
  void fail_alone(const std::string& line, int code) const;

 private:
  CommunicatorPtr comm_;
  std::streambuf* kept_cout_ = nullptr;
  std::unique_ptr<std::streambuf> discard_;
};

}  // namespace snnsense::cli
