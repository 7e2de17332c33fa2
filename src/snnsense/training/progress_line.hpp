#pragma once
#include <chrono>
#include <cstdio>
#include <string>

#include "snnsense/training/callback.hpp"

namespace snnsense {

// A single self-rewriting line on a terminal: iteration, loss, speed, time left. Silent when the
// stream is not a terminal, so logs and pipes stay clean.
class ProgressLine : public Callback {
 public:
  explicit ProgressLine(std::FILE* stream = stderr, std::string label = "");

  void on_begin(const IterationState& state) override;
  std::optional<StopReason> on_iteration(const IterationState& state) override;
  void on_end(const IterationState& last, StopReason reason) override;

 private:
  void draw(const IterationState& state);

  std::FILE* stream_;
  std::string label_;
  bool enabled_;
  std::chrono::steady_clock::time_point last_draw_;
};

}  // namespace snnsense
