#include "snnsense/training/progress_line.hpp"

#include <unistd.h>

#include <cmath>
#include <cstdlib>

#include "snnsense/core/error.hpp"

namespace snnsense {

namespace {

// Redraw a terminal line five times a second: often enough to look alive, rare enough to cost nothing.
constexpr std::chrono::milliseconds kTerminalRedraw{200};

}  // namespace

ProgressLine::ProgressLine(std::FILE* stream, double log_seconds)
    : stream_(stream),
      terminal_(isatty(fileno(stream)) != 0),
      log_interval_(log_seconds),
      last_draw_(std::chrono::steady_clock::now()) {}

void ProgressLine::on_stage(const std::string& stage) { stage_ = stage; }

void ProgressLine::on_begin(const IterationState& state) {
  run_step_size_ = state.step_size;
  logged_this_run_ = false;
  if (terminal_) last_draw_ = std::chrono::steady_clock::now();
}

std::optional<StopReason> ProgressLine::on_iteration(const IterationState& state) {
  const auto now = std::chrono::steady_clock::now();
  if (terminal_) {
    if (now - last_draw_ > kTerminalRedraw) {
      last_draw_ = now;
      std::fprintf(stream_, "\r\033[K%s", describe(state).c_str());
      std::fflush(stream_);
    }
  } else if (log_interval_.count() > 0 && now - last_draw_ >= log_interval_) {
    last_draw_ = now;
    logged_this_run_ = true;
    std::fprintf(stream_, "snnsense: %s\n", describe(state).c_str());
    std::fflush(stream_);
  }
  return std::nullopt;
}

void ProgressLine::on_end(const IterationState& last, StopReason reason) {
  if (terminal_) {
    std::fprintf(stream_, "\r\033[K%s  %s\n", describe(last).c_str(), to_string(reason).c_str());
  } else if (logged_this_run_) {
    // A log that showed the run going also shows how it ended; short runs stay out of the log.
    std::fprintf(stream_, "snnsense: %s, %s\n", describe(last).c_str(), to_string(reason).c_str());
  } else {
    return;
  }
  std::fflush(stream_);
}

std::string ProgressLine::describe(const IterationState& state) const {
  const double rate = state.elapsed_seconds > 0 ? static_cast<double>(state.iteration) / state.elapsed_seconds : 0.0;
  const double eta = rate > 0 ? static_cast<double>(state.max_iterations - state.iteration) / rate : 0.0;
  char text[256];
  std::snprintf(text, sizeof text, "%s%slr %.3g: iteration %lld/%lld, loss %.4e, %.0f it/s, ETA %.1f s",
                stage_.c_str(), stage_.empty() ? "" : ", ", run_step_size_, static_cast<long long>(state.iteration),
                static_cast<long long>(state.max_iterations), state.loss, rate, eta);
  return text;
}

double progress_seconds_from_environment() {
  const char* text = std::getenv("SNNSENSE_PROGRESS_SECONDS");
  if (text == nullptr) return kDefaultProgressSeconds;
  char* end = nullptr;
  const double seconds = std::strtod(text, &end);
  if (*text == '\0' || *end != '\0' || !(seconds >= 0.0) || !std::isfinite(seconds))
    throw InputError(std::string("SNNSENSE_PROGRESS_SECONDS: expected a non-negative number of seconds, got '") + text +
                     "'");
  return seconds;
}

}  // namespace snnsense
