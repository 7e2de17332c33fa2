#include "snnsense/operators/entry_order.hpp"

namespace snnsense {

namespace {

// A chunk ends at the first group boundary after this much work, counted as one unit per entry and
// per group (a group costs its output row even when empty): large enough that handing a chunk to a
// thread costs little beside it, small enough for several chunks per thread at the sizes that
// threads are worth it for.
constexpr Index kChunkWork = Index{1} << 14;

}  // namespace

EntryOrder group_entries(const IndexVector& group, const IndexVector& other, Index groups) {
  const Index m = group.size();
  EntryOrder order;
  order.start.assign(static_cast<std::size_t>(groups + 1), 0);
  for (Index i = 0; i < m; ++i) ++order.start[static_cast<std::size_t>(group(i) + 1)];
  for (Index g = 0; g < groups; ++g) order.start[static_cast<std::size_t>(g + 1)] += order.start[static_cast<std::size_t>(g)];
  order.other.resize(static_cast<std::size_t>(m));
  order.measurement.resize(static_cast<std::size_t>(m));
  std::vector<Index> next(order.start.begin(), order.start.end() - 1);
  for (Index i = 0; i < m; ++i) {
    const auto slot = static_cast<std::size_t>(next[static_cast<std::size_t>(group(i))]++);
    order.other[slot] = other(i);
    order.measurement[slot] = i;
  }
  order.chunk_start.push_back(0);
  Index work = 0;
  for (Index g = 0; g < groups; ++g) {
    work += 1 + order.start[static_cast<std::size_t>(g + 1)] - order.start[static_cast<std::size_t>(g)];
    if (work >= kChunkWork || g + 1 == groups) {
      order.chunk_start.push_back(g + 1);
      work = 0;
    }
  }
  return order;
}

}  // namespace snnsense
