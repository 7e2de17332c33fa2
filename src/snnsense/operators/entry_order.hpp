#pragma once
// A completion operator's entries grouped by row (or by column), in compressed form: what a pass
// producing one output row per matrix row (S Q) or per column (S^T P) walks. Walking the entries in
// the measurements' order instead scatters into a random output row per entry; grouped, a row's
// output is summed in one place and written once, and a row of the left factor is read once.
//
// The grouping is a stable counting sort: within a group the entries keep the measurements' order,
// so a group's sum adds its terms in the order a pass over the measurements would.
//
// The groups are also cut into chunks, the tasks of a threaded pass. The cuts depend on the entries
// only, never on the thread count: each output row belongs to one chunk, and a sum over all entries
// (the loss) adds the chunks' partial sums in chunk order, so results are the same for any number
// of threads.
#include <vector>

#include "snnsense/core/types.hpp"

namespace snnsense {

struct EntryOrder {
  // Group g's entries are [start[g], start[g + 1]) in `other` and `measurement`.
  std::vector<Index> start;
  std::vector<Index> other;        // the entry's index along the other axis (its column, grouped by row)
  std::vector<Index> measurement;  // the entry's measurement
  // Chunk c holds groups [chunk_start[c], chunk_start[c + 1]).
  std::vector<Index> chunk_start;

  Index groups() const { return static_cast<Index>(start.size()) - 1; }
  Index chunks() const { return static_cast<Index>(chunk_start.size()) - 1; }
};

// Entries i (with group[i] in [0, groups) and other[i] their other index) grouped by group[i].
EntryOrder group_entries(const IndexVector& group, const IndexVector& other, Index groups);

}  // namespace snnsense
