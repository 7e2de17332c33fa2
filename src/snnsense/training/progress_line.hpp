#pragma once
#include <chrono>
#include <cstdio>
#include <string>

#include "snnsense/training/callback.hpp"

namespace snnsense {

// How often a progress line goes to a stream that is not a terminal (a log file, a pipe, a batch
// job's output), unless SNNSENSE_PROGRESS_SECONDS says otherwise.
constexpr double kDefaultProgressSeconds = 5.0;

// Progress of the runs: stage (the model of a comparison), step size, iteration, loss, speed and
// time left. On a terminal, one line redrawn in place five times a second. Elsewhere, a new line
// every `log_seconds` (0: never), so that logs show a long run is alive without filling up;
// the timer spans the runs, so that a step-size search of short probes still reports.
class ProgressLine : public Callback {
 public:
  explicit ProgressLine(std::FILE* stream = stderr, double log_seconds = kDefaultProgressSeconds);

  void on_stage(const std::string& stage) override;
  void on_begin(const IterationState& state) override;
  std::optional<StopReason> on_iteration(const IterationState& state) override;
  void on_end(const IterationState& last, StopReason reason) override;
  // The step size of the run shown (on_begin's), so that a resumed run's line names it.
  void save_state(StateWriter& out) const override { out.put_double(run_step_size_); }
  void restore_state(StateReader& in) override { run_step_size_ = in.get_double(); }

 private:
  std::string describe(const IterationState& state) const;

  std::FILE* stream_;
  bool terminal_;
  std::chrono::duration<double> log_interval_;
  std::string stage_;
  double run_step_size_ = 0.0;  // the step size the run began with: the candidate during a search
  bool logged_this_run_ = false;
  std::chrono::steady_clock::time_point last_draw_;
};

// The log interval in seconds from SNNSENSE_PROGRESS_SECONDS (a non-negative number; 0 turns the
// lines off), or kDefaultProgressSeconds when it is unset. InputError naming the variable otherwise.
double progress_seconds_from_environment();

}  // namespace snnsense
