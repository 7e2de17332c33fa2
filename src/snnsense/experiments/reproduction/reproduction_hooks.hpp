#pragma once
// How a long reproduction talks to its caller: one line per step for the log, and the training
// callbacks (a live progress line, Ctrl-C) attached to every run.
#include <atomic>
#include <functional>
#include <string>
#include <vector>

#include "snnsense/training/callback.hpp"

namespace snnsense {

struct ReproductionHooks {
  std::function<void(const std::string&)> log = [](const std::string&) {};
  std::vector<Callback*> callbacks;
  // Raised by Ctrl-C: the solvers that are not trainers (soft-impute) stop at their next iteration.
  const std::atomic<bool>* interrupt = nullptr;
  // --force: runs an earlier, killed reproduction kept for other options are discarded, not refused.
  bool force = false;
  // Called each time a reproduction keeps a finished run for a rerun, with the count so far.
  std::function<void(int kept)> on_kept;
};

}  // namespace snnsense
