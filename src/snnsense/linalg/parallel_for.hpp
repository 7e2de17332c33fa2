#pragma once
// A small pool of persistent threads for loops of independent, similar-sized tasks: the sigma_f
// forward and backward passes of the matrices of one SNN layer. An SNN iteration runs several
// such short loops back to back, so workers spin briefly between loops instead of sleeping at
// once (a futex wake-up costs about as much as a small task; docs/performance.md), and the
// caller never waits for a worker that has not started: it runs whatever is left itself.
//
// Each thread owns a contiguous block of the indices and takes the others' leftovers when its
// own are done: task i of one loop and task i of the next, usually touching the same matrix,
// then tend to run on the same core, whose cache still holds that matrix. Which thread runs
// task i never changes what task i computes, so results are bit-identical for every thread
// count as long as the tasks write disjoint outputs.
#include <atomic>
#include <cstdint>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

#include "snnsense/core/types.hpp"

namespace snnsense {

class ParallelFor {
 public:
  // `threads` counts the calling thread, which takes part in every loop: 1 means no workers.
  explicit ParallelFor(int threads);
  ~ParallelFor();
  ParallelFor(const ParallelFor&) = delete;
  ParallelFor& operator=(const ParallelFor&) = delete;

  int threads() const { return static_cast<int>(workers_.size()) + 1; }

  // Calls body(i) for every i in [0, count) and returns when all calls have returned. If calls
  // throw, the remaining ones still run and the first exception is rethrown here.
  void run(Index count, const std::function<void(Index)>& body);

 private:
  void work_loop(int self);
  void drain(int self);  // runs tasks of the open loop until none is left, own block first

  std::vector<std::thread> workers_;
  // The open loop: written by the caller while no worker can read it, that is, while
  // open_ is false and no worker is active.
  const std::function<void(Index)>* body_ = nullptr;
  Index count_ = 0;
  // Thread t's block is [t * count_ / threads(), (t + 1) * count_ / threads()); next_[t].value is
  // its next unclaimed index, claimed by whoever increments it (the owner or a thief).
  struct alignas(64) Cursor {
    std::atomic<Index> value{0};
  };
  std::vector<Cursor> next_;
  std::atomic<bool> open_{false};
  // Workers between "I may touch the loop" and "I am done with it". A worker announces itself
  // here before it looks at open_, and the caller closes the loop before it waits for this to
  // drop to zero, so (all four accesses being sequentially consistent) a worker either is
  // counted or sees the loop closed.
  std::atomic<int> active_{0};
  std::atomic<std::uint32_t> generation_{0};  // bumped to wake the workers
  std::atomic<bool> stop_{false};
  std::mutex error_mutex_;
  std::exception_ptr error_;
};

}  // namespace snnsense
