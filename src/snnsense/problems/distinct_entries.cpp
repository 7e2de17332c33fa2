#include "snnsense/problems/distinct_entries.hpp"

#include <cstdint>
#include <stdexcept>
#include <unordered_map>

namespace snnsense {

std::string DuplicateEntry::describe() const {
  return "entry (" + std::to_string(row) + ", " + std::to_string(col) + ") is measured twice, at measurements " +
         std::to_string(first) + " and " + std::to_string(second) +
         " (0-based, training first); each entry may be observed once";
}

std::optional<DuplicateEntry> first_duplicate_entry(const IndexVector& rows, const IndexVector& cols) {
  if (rows.size() != cols.size()) throw std::invalid_argument("first_duplicate_entry: rows and cols differ in length");
  struct Hash {
    std::size_t operator()(const std::pair<std::int64_t, std::int64_t>& e) const {
      // Unsigned arithmetic: the product wraps by definition (a signed one would overflow, which
      // is undefined behaviour).
      return std::hash<std::uint64_t>{}(static_cast<std::uint64_t>(e.first) * 0x9E3779B97F4A7C15u ^
                                        static_cast<std::uint64_t>(e.second));
    }
  };
  std::unordered_map<std::pair<std::int64_t, std::int64_t>, Index, Hash> seen;
  seen.reserve(static_cast<std::size_t>(rows.size()));
  for (Index i = 0; i < rows.size(); ++i) {
    const auto [where, inserted] = seen.emplace(std::make_pair(rows[i], cols[i]), i);
    if (!inserted) return DuplicateEntry{rows[i], cols[i], where->second, i};
  }
  return std::nullopt;
}

}  // namespace snnsense
