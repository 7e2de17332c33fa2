#include "snnsense/linalg/parallel_for.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <stdexcept>
#include <vector>

using namespace snnsense;

namespace {

// Runs one loop of `count` tasks and checks that each index ran exactly once.
void expect_each_index_once(ParallelFor& pool, Index count) {
  std::vector<std::atomic<int>> runs(static_cast<std::size_t>(count));
  pool.run(count, [&runs](Index i) { runs[static_cast<std::size_t>(i)].fetch_add(1); });
  for (Index i = 0; i < count; ++i) ASSERT_EQ(runs[static_cast<std::size_t>(i)].load(), 1) << "index " << i;
}

}  // namespace

TEST(ParallelFor, RunsEveryIndexExactlyOnce) {
  for (int threads : {1, 2, 3, 4}) {
    ParallelFor pool(threads);
    EXPECT_EQ(pool.threads(), threads);
    for (Index count : {0, 1, 2, 3, 5, 7, 16, 100, 1001}) {
      SCOPED_TRACE(::testing::Message() << threads << " threads, " << count << " tasks");
      expect_each_index_once(pool, count);
    }
  }
}

// Thousands of short loops back to back: the hand-over between loops (workers spinning, then
// sleeping, a new loop opening while a worker is still on its way out) must never lose or repeat
// a task.
TEST(ParallelFor, ManyShortLoopsInARow) {
  ParallelFor pool(3);
  for (int loop = 0; loop < 5000; ++loop) expect_each_index_once(pool, 1 + loop % 9);
}

TEST(ParallelFor, RethrowsAfterRunningTheOtherTasks) {
  ParallelFor pool(2);
  std::atomic<int> done{0};
  EXPECT_THROW(pool.run(50,
                        [&done](Index i) {
                          if (i == 7) throw std::runtime_error("task 7");
                          done.fetch_add(1);
                        }),
               std::runtime_error);
  EXPECT_EQ(done.load(), 49);
  expect_each_index_once(pool, 20);  // still usable
}
