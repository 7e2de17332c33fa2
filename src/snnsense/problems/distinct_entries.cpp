#include "snnsense/problems/distinct_entries.hpp"

#include <algorithm>
#include <stdexcept>
#include <tuple>
#include <vector>

namespace snnsense {

std::string DuplicateEntry::describe() const {
  return "entry (" + std::to_string(row) + ", " + std::to_string(col) + ") is measured twice, at measurements " +
         std::to_string(first) + " and " + std::to_string(second) +
         " (0-based, training first); each entry may be observed once";
}

std::optional<DuplicateEntry> first_duplicate_entry(const IndexVector& rows, const IndexVector& cols) {
  if (rows.size() != cols.size()) throw std::invalid_argument("first_duplicate_entry: rows and cols differ in length");
  // Sorting (row, col, measurement) triples takes 24 bytes an entry (kDistinctEntryCheckBytes),
  // where a hash set of the positions took about 64: the check runs on every completion load, and
  // at 10^8 entries that difference is gigabytes. Positions are compared, never combined, so any
  // 64-bit values are safe.
  struct Seen {
    Index row, col, measurement;
    bool operator<(const Seen& o) const { return std::tie(row, col, measurement) < std::tie(o.row, o.col, o.measurement); }
  };
  std::vector<Seen> seen(static_cast<std::size_t>(rows.size()));
  for (Index i = 0; i < rows.size(); ++i) seen[static_cast<std::size_t>(i)] = {rows[i], cols[i], i};
  std::sort(seen.begin(), seen.end());
  // Within a run of one position the measurements ascend: its first two are the earliest pair. The
  // repeat reported is the one a scan in measurement order meets first: the smallest second index.
  std::optional<DuplicateEntry> repeat;
  for (std::size_t k = 1; k < seen.size(); ++k) {
    const Seen &a = seen[k - 1], &b = seen[k];
    if (a.row != b.row || a.col != b.col) continue;
    if (k >= 2 && seen[k - 2].row == a.row && seen[k - 2].col == a.col) continue;  // a third or later
    if (!repeat || b.measurement < repeat->second) repeat = DuplicateEntry{a.row, a.col, a.measurement, b.measurement};
  }
  return repeat;
}

}  // namespace snnsense
