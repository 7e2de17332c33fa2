#include <gtest/gtest.h>

#include <vector>

#include "snnsense/core/rng.hpp"
#include "snnsense/operators/entry_order.hpp"

using namespace snnsense;

TEST(EntryOrder, GroupsEntriesKeepingTheMeasurementsOrder) {
  // Entries (row, col): (2,0) (0,3) (2,1) (0,3) (1,2); row 3 has none.
  IndexVector rows(5), cols(5);
  rows << 2, 0, 2, 0, 1;
  cols << 0, 3, 1, 3, 2;
  const EntryOrder order = group_entries(rows, cols, 4);
  EXPECT_EQ(order.start, (std::vector<Index>{0, 2, 3, 5, 5}));
  EXPECT_EQ(order.measurement, (std::vector<Index>{1, 3, 4, 0, 2}));
  EXPECT_EQ(order.other, (std::vector<Index>{3, 3, 2, 0, 1}));
  EXPECT_EQ(order.groups(), 4);
  EXPECT_EQ(order.chunk_start, (std::vector<Index>{0, 4}));
}

TEST(EntryOrder, ChunksCoverTheGroupsAndDependOnTheEntriesOnly) {
  Rng rng(3);
  const Index m = 100000, n = 5000;
  IndexVector group(m), other(m);
  for (Index i = 0; i < m; ++i) {
    group(i) = static_cast<std::int64_t>(rng.below(static_cast<std::uint64_t>(n)));
    other(i) = static_cast<std::int64_t>(rng.below(7));
  }
  const EntryOrder order = group_entries(group, other, n);
  ASSERT_GE(order.chunks(), 4);  // enough tasks for threads to share
  EXPECT_EQ(order.chunk_start.front(), 0);
  EXPECT_EQ(order.chunk_start.back(), n);
  for (Index c = 0; c < order.chunks(); ++c)
    EXPECT_LT(order.chunk_start[static_cast<std::size_t>(c)], order.chunk_start[static_cast<std::size_t>(c + 1)]);
  for (Index g = 0; g < n; ++g)
    for (Index k = order.start[static_cast<std::size_t>(g)]; k < order.start[static_cast<std::size_t>(g + 1)]; ++k) {
      const Index e = order.measurement[static_cast<std::size_t>(k)];
      EXPECT_EQ(group(e), g);
      EXPECT_EQ(other(e), order.other[static_cast<std::size_t>(k)]);
      if (k > order.start[static_cast<std::size_t>(g)]) {
        EXPECT_LT(order.measurement[static_cast<std::size_t>(k - 1)], e);
      }
    }
  EXPECT_EQ(group_entries(group, other, n).chunk_start, order.chunk_start);
}
