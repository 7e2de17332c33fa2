#include "snnsense/training/progress_line.hpp"

#include <unistd.h>

namespace snnsense {

ProgressLine::ProgressLine(std::FILE* stream, std::string label)
    : stream_(stream), label_(std::move(label)), enabled_(isatty(fileno(stream)) != 0) {}

void ProgressLine::on_begin(const IterationState&) { last_draw_ = std::chrono::steady_clock::now(); }

std::optional<StopReason> ProgressLine::on_iteration(const IterationState& state) {
  if (!enabled_) return std::nullopt;
  const auto now = std::chrono::steady_clock::now();
  // Redraw five times a second: often enough to look alive, rare enough to cost nothing.
  if (now - last_draw_ > std::chrono::milliseconds(200)) {
    last_draw_ = now;
    draw(state);
  }
  return std::nullopt;
}

void ProgressLine::on_end(const IterationState& last, StopReason reason) {
  if (!enabled_) return;
  draw(last);
  std::fprintf(stream_, "  %s\n", to_string(reason).c_str());
}

void ProgressLine::draw(const IterationState& state) {
  const double rate = state.elapsed_seconds > 0 ? static_cast<double>(state.iteration) / state.elapsed_seconds : 0.0;
  const double eta = rate > 0 ? static_cast<double>(state.max_iterations - state.iteration) / rate : 0.0;
  std::fprintf(stream_, "\r\033[K%s%lld/%lld  loss %.4e  %.0f it/s  ETA %.1fs", label_.c_str(),
               static_cast<long long>(state.iteration), static_cast<long long>(state.max_iterations), state.loss, rate,
               eta);
  std::fflush(stream_);
}

}  // namespace snnsense
