// The run set under the sweeps and the reproductions: runs into their directories (names with
// folders), the finished ones kept in a FinishedRuns folder and restored, not run again, by a
// rerun; an interrupt raised before the start runs nothing; the thread count changes no result.
#include <gtest/gtest.h>

#include <atomic>

#include "../io/temp_dir.hpp"
#include "../training/small_problem.hpp"
#include "snnsense/experiments/reproduction/convex_run.hpp"
#include "snnsense/experiments/sweep/run_set.hpp"

using namespace snnsense;
namespace fs = std::filesystem;

namespace {

std::vector<MethodRun> three_runs(const Problem& problem) {
  std::vector<MethodRun> runs(3);
  for (std::size_t i = 0; i < 2; ++i) {
    TrainingJob job;
    job.settings.snn.layers = {2};
    job.train.iterations = 30;
    job.train.lr = 0.05;
    job.init_seed = i;
    runs[i].name = "seed/run-" + std::to_string(i);
    runs[i].job = job;
  }
  runs[2].name = std::string("seed/") + kConvexModel;
  runs[2].solve = SolveOptions{};
  for (MethodRun& r : runs) {
    r.problem = &problem;
    r.problem_path = "/problem";
  }
  return runs;
}

}  // namespace

TEST(RunSet, KeepsFinishedRunsAndRestoresThemInsteadOfRunningAgain) {
  snnsense::testing::TempDir dir;
  const Problem problem = check::small_problem();
  const std::vector<MethodRun> runs = three_runs(problem);
  FinishedRuns finished(dir / "out.partial", problem, {{"set", 1}}, false);
  int kept_calls = 0;
  RunSetOptions options;
  options.finished = &finished;
  options.on_finished = [&](const MethodRun&, const MethodOutcome* outcome, int, int) {
    if (!outcome) ++kept_calls;
  };
  const RunSetResult first = run_set(runs, dir / "a", options);
  EXPECT_EQ(first.ran, 3);
  EXPECT_EQ(first.kept, 0);
  EXPECT_FALSE(first.interrupted);
  for (const MethodRun& r : runs) {
    ASSERT_TRUE(fs::exists(dir / "a" / r.name / "summary.json")) << r.name;
    ASSERT_TRUE(fs::exists(dir / "out.partial" / r.name / "summary.json")) << r.name;
  }

  const RunSetResult second = run_set(runs, dir / "b", options);
  EXPECT_EQ(second.ran, 0);
  EXPECT_EQ(second.kept, 3);
  EXPECT_EQ(kept_calls, 3);
  for (const MethodRun& r : runs)
    for (const char* file : {"summary.json", "config.json", "X.npy"})
      EXPECT_EQ(snnsense::testing::read_bytes(dir / "a" / r.name / file),
                snnsense::testing::read_bytes(dir / "b" / r.name / file))
          << r.name << " " << file;
}

TEST(RunSet, InPlaceRunsAreKeptAndThreadsChangeNothing) {
  snnsense::testing::TempDir dir;
  const Problem problem = check::small_problem();
  const std::vector<MethodRun> runs = three_runs(problem);
  RunSetOptions one, two;
  two.jobs = 2;
  ASSERT_EQ(run_set(runs, dir / "one", one).ran, 3);
  ASSERT_EQ(run_set(runs, dir / "two", two).ran, 3);
  for (const MethodRun& r : runs)
    EXPECT_EQ(snnsense::testing::read_bytes(dir / "one" / r.name / "X.npy"),
              snnsense::testing::read_bytes(dir / "two" / r.name / "X.npy"))
        << r.name;
  const RunSetResult again = run_set(runs, dir / "one", two);
  EXPECT_EQ(again.ran, 0);
  EXPECT_EQ(again.kept, 3);
}

TEST(RunSet, RaisedInterruptRunsNothing) {
  snnsense::testing::TempDir dir;
  const Problem problem = check::small_problem();
  const std::atomic<bool> raised{true};
  RunSetOptions options;
  options.interrupt = &raised;
  const RunSetResult result = run_set(three_runs(problem), dir / "out", options);
  EXPECT_EQ(result.ran, 0);
  EXPECT_TRUE(result.interrupted);
  EXPECT_FALSE(fs::exists(dir / "out" / "seed"));
}

TEST(RunSet, RefusesNoThreads) {
  RunSetOptions options;
  options.jobs = 0;
  EXPECT_THROW(options.validate(), InputError);
}
