#pragma once
// The memory a run will need, estimated before it allocates, and the limit it is checked against.
// Commands refuse a run whose estimate exceeds the limit with one line naming the size, what
// makes it up and the option that avoids it, instead of dying in bad_alloc or the OOM killer.
#include <string>
#include <vector>

namespace snnsense {

// Named parts in bytes (double: sizes of large problems overflow nothing and need no exactness).
struct MemoryEstimate {
  struct Part {
    std::string name;
    double bytes = 0.0;
  };
  std::vector<Part> parts;

  // Adds `count` doubles under `name`.
  MemoryEstimate& add_doubles(std::string name, double count);
  // Appends the other's parts.
  MemoryEstimate& add(const MemoryEstimate& other);
  double total_bytes() const;
  // "tape 12.8 GB, loss gradient 3.2 GB": the parts of at least 1% of the total, largest first.
  std::string breakdown() const;
};

// Used when /proc/meminfo cannot be read (not Linux, a sandbox): a limit most machines that run
// the tool have, and a refusal names --max-memory to raise it.
inline constexpr double kFallbackMemoryBytes = 8e9;

// MemAvailable of /proc/meminfo in bytes (what can be allocated without swapping), or
// kFallbackMemoryBytes when it cannot be read.
double available_memory_bytes();

// The limit that a `max_memory_gb` option sets: that many GB (1e9 bytes), or the available memory
// for 0, the options' default.
double memory_limit_bytes(double max_memory_gb);

// InputError naming the option `option` when max_memory_gb is neither 0 nor a positive finite number.
void validate_max_memory(double max_memory_gb, const std::string& option = "--max-memory");

// InputError when the estimate exceeds the limit: "<what> needs about 25.6 GB (tape 19.2 GB, ...),
// more than the 15.1 GB available; <way_out>, or raise --max-memory GB".
void check_memory(const MemoryEstimate& estimate, double max_memory_gb, const std::string& what,
                  const std::string& way_out);

}  // namespace snnsense
