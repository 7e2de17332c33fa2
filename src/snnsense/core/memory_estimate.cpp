#include "snnsense/core/memory_estimate.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "snnsense/core/error.hpp"

namespace snnsense {

namespace {

std::string gigabytes(double bytes) {
  char text[32];
  const double gb = bytes * 1e-9;
  std::snprintf(text, sizeof text, gb >= 100.0 ? "%.0f GB" : "%.3g GB", gb);
  return text;
}

}  // namespace

MemoryEstimate& MemoryEstimate::add_doubles(std::string name, double count) {
  parts.push_back({std::move(name), count * static_cast<double>(sizeof(double))});
  return *this;
}

MemoryEstimate& MemoryEstimate::add(const MemoryEstimate& other) {
  parts.insert(parts.end(), other.parts.begin(), other.parts.end());
  return *this;
}

double MemoryEstimate::total_bytes() const {
  double total = 0.0;
  for (const Part& part : parts) total += part.bytes;
  return total;
}

std::string MemoryEstimate::breakdown() const {
  std::vector<Part> sorted = parts;
  std::stable_sort(sorted.begin(), sorted.end(), [](const Part& a, const Part& b) { return a.bytes > b.bytes; });
  const double total = total_bytes();
  std::string text;
  for (const Part& part : sorted) {
    if (part.bytes < 0.01 * total) break;
    text += (text.empty() ? "" : ", ") + part.name + " " + gigabytes(part.bytes);
  }
  return text;
}

double available_memory_bytes() {
  std::ifstream meminfo("/proc/meminfo");
  std::string line;
  while (std::getline(meminfo, line)) {
    std::istringstream fields(line);
    std::string key, unit;
    double kilobytes = 0.0;
    if (fields >> key >> kilobytes >> unit && key == "MemAvailable:" && unit == "kB" && kilobytes > 0.0)
      return kilobytes * 1024.0;
  }
  return kFallbackMemoryBytes;
}

double memory_limit_bytes(double max_memory_gb) {
  return max_memory_gb > 0.0 ? max_memory_gb * 1e9 : available_memory_bytes();
}

void validate_max_memory(double max_memory_gb, const std::string& option) {
  if (!(std::isfinite(max_memory_gb) && max_memory_gb >= 0.0))
    throw InputError(option + ": must be a number of GB, or 0 for the machine's available memory; got " +
                     std::to_string(max_memory_gb));
}

void check_memory(const MemoryEstimate& estimate, double max_memory_gb, const std::string& what,
                  const std::string& way_out) {
  const double needed = estimate.total_bytes();
  const double limit = memory_limit_bytes(max_memory_gb);
  if (needed <= limit) return;
  const std::string bound = max_memory_gb > 0.0 ? "the --max-memory limit of " + gigabytes(limit)
                                                : "the " + gigabytes(limit) + " this machine has available";
  throw InputError(what + " needs about " + gigabytes(needed) + " (" + estimate.breakdown() + "), more than " + bound +
                   "; " + way_out + ", or raise --max-memory GB");
}

}  // namespace snnsense
