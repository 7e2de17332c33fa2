#include "snnsense/linalg/parallel_for.hpp"

#include <chrono>

namespace snnsense {

namespace {

// Long enough to bridge the serial work between two layers of an SNN iteration, short enough
// to leave the core to others soon after training stops or while it waits on I/O.
constexpr auto kSpin = std::chrono::microseconds(100);

void cpu_relax() {
#if defined(__x86_64__) || defined(__i386__)
  __builtin_ia32_pause();
#endif
}

// Waits until `value` differs from `old`: spins for kSpin, then sleeps on the atomic.
template <class T>
void wait_for_change(const std::atomic<T>& value, T old) {
  const auto deadline = std::chrono::steady_clock::now() + kSpin;
  int polls = 0;
  while (value.load() == old) {
    cpu_relax();
    if (++polls % 64 == 0 && std::chrono::steady_clock::now() > deadline) {
      value.wait(old);
      return;
    }
  }
}

}  // namespace

ParallelFor::ParallelFor(int threads) {
  for (int t = 1; t < threads; ++t) workers_.emplace_back([this] { work_loop(); });
}

ParallelFor::~ParallelFor() {
  stop_.store(true);
  generation_.fetch_add(1);
  generation_.notify_all();
  for (std::thread& w : workers_) w.join();
}

void ParallelFor::drain() {
  for (Index i; (i = next_.fetch_add(1)) < count_;) {
    try {
      (*body_)(i);
    } catch (...) {
      const std::lock_guard<std::mutex> lock(error_mutex_);
      if (!error_) error_ = std::current_exception();
    }
  }
}

void ParallelFor::work_loop() {
  std::uint32_t seen = 0;
  for (;;) {
    wait_for_change(generation_, seen);
    seen = generation_.load();
    if (stop_.load()) return;
    active_.fetch_add(1);
    if (open_.load()) drain();
    if (active_.fetch_sub(1) == 1) active_.notify_all();
  }
}

void ParallelFor::run(Index count, const std::function<void(Index)>& body) {
  if (count <= 0) return;
  if (workers_.empty() || count == 1) {
    for (Index i = 0; i < count; ++i) body(i);
    return;
  }
  body_ = &body;
  count_ = count;
  error_ = nullptr;
  next_.store(0);
  open_.store(true);
  generation_.fetch_add(1);
  generation_.notify_all();
  drain();
  open_.store(false);
  for (int active; (active = active_.load()) != 0;) wait_for_change(active_, active);
  if (error_) std::rethrow_exception(error_);
}

}  // namespace snnsense
