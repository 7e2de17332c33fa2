#include "snnsense/linalg/parallel_for.hpp"

#include <algorithm>
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

ParallelFor::ParallelFor(int threads) : next_(static_cast<std::size_t>(std::max(threads, 1))) {
  for (int t = 1; t < threads; ++t) workers_.emplace_back([this, t] { work_loop(t); });
}

ParallelFor::~ParallelFor() {
  stop_.store(true);
  generation_.fetch_add(1);
  generation_.notify_all();
  for (std::thread& w : workers_) w.join();
}

void ParallelFor::drain(int self) {
  const Index threads = static_cast<Index>(next_.size());
  for (Index k = 0; k < threads; ++k) {
    const Index block = (self + k) % threads, end = (block + 1) * count_ / threads;
    for (Index i; (i = next_[static_cast<std::size_t>(block)].value.fetch_add(1)) < end;) {
      try {
        (*body_)(i);
      } catch (...) {
        const std::lock_guard<std::mutex> lock(error_mutex_);
        if (!error_) error_ = std::current_exception();
      }
    }
  }
}

void ParallelFor::work_loop(int self) {
  std::uint32_t seen = 0;
  for (;;) {
    wait_for_change(generation_, seen);
    seen = generation_.load();
    if (stop_.load()) return;
    active_.fetch_add(1);
    if (open_.load()) drain(self);
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
  const Index threads = static_cast<Index>(next_.size());
  for (Index t = 0; t < threads; ++t) next_[static_cast<std::size_t>(t)].value.store(t * count / threads);
  open_.store(true);
  generation_.fetch_add(1);
  generation_.notify_all();
  drain(0);
  open_.store(false);
  for (int active; (active = active_.load()) != 0;) wait_for_change(active_, active);
  if (error_) std::rethrow_exception(error_);
}

}  // namespace snnsense
