#pragma once
// SNNSENSE_TEST_KILL_AFTER_RUNS=k: the process kills itself (SIGKILL, no clean-up at all) once
// its k-th run is finished and kept, which is how the tests stop a command at a known point.
#include <signal.h>
#include <unistd.h>

#include <cstdlib>
#include <functional>

namespace snnsense::cli {

// Call with the number of runs finished so far; empty when the variable is not set.
inline std::function<void(int finished)> kill_after_runs_from_environment() {
  const char* text = std::getenv("SNNSENSE_TEST_KILL_AFTER_RUNS");
  if (text == nullptr) return {};
  const long k = std::strtol(text, nullptr, 10);
  return [k](int finished) {
    if (finished == k) ::kill(::getpid(), SIGKILL);
  };
}

}  // namespace snnsense::cli
