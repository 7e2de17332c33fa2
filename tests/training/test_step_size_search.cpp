#include <gtest/gtest.h>

#include "small_problem.hpp"
#include "snnsense/core/error.hpp"
#include "snnsense/models/snn.hpp"
#include "snnsense/training/step_size_search.hpp"

using namespace snnsense;

TEST(StepSizeSearch, PaperGridRunsFromLargeToSmall) {
  const auto grid = StepSizeSearchOptions::paper_grid();
  ASSERT_EQ(grid.size(), 26u);
  EXPECT_DOUBLE_EQ(grid.front(), 50.0);
  EXPECT_DOUBLE_EQ(grid[1], 10.0);
  EXPECT_NEAR(grid.back(), 1e-11, 1e-25);
  EXPECT_TRUE(std::is_sorted(grid.rbegin(), grid.rend()));
}

TEST(StepSizeSearch, SkipsDivergedCandidatesAndKeepsTheLowestLoss) {
  const Problem p = check::small_problem();
  SnnOptions o;
  o.layers = {2, 2};
  const Snn snn(p.n1, p.n2, o);
  Rng rng(0);
  const Vector start = snn.initial_parameters(rng);
  TrainOptions opt;
  opt.iterations = 200;
  StepSizeSearchOptions search;
  search.successes = 3;
  const StepSizeSearchResult r = search_step_size(snn, p, opt, start, search, 20);
  ASSERT_TRUE(r.best.has_value());
  Index finished = 0;
  for (const auto& c : r.candidates) {
    if (c.reason == StopReason::diverged) continue;
    ++finished;
    EXPECT_GE(c.final_loss, r.candidates[*r.best].final_loss);
  }
  EXPECT_EQ(finished, 3);
  EXPECT_EQ(r.candidates.front().reason, StopReason::diverged);  // 50 is far too large here
  EXPECT_EQ(r.run.final_loss, r.candidates[*r.best].final_loss);
  EXPECT_FALSE(r.trace.rows.empty());
  EXPECT_EQ(r.trace.rows.back().iteration, 200);
}

TEST(StepSizeSearch, ProbingRerunsTheWinnerAtTheFullBudget) {
  const Problem p = check::small_problem();
  SnnOptions o;
  o.layers = {2};
  const Snn snn(p.n1, p.n2, o);
  Rng rng(0);
  const Vector start = snn.initial_parameters(rng);
  TrainOptions opt;
  opt.iterations = 300;
  StepSizeSearchOptions search;
  search.grid = {1.0, 0.1, 0.01};
  search.probe_iterations = 30;
  const StepSizeSearchResult r = search_step_size(snn, p, opt, start, search, 10);
  ASSERT_TRUE(r.best.has_value());
  for (const auto& c : r.candidates) EXPECT_LE(c.iterations, 30);
  EXPECT_EQ(r.run.iterations, 300);
}

TEST(StepSizeSearch, AllDivergedLeavesNoWinner) {
  const Problem p = check::small_problem();
  SnnOptions o;
  o.layers = {2};
  const Snn snn(p.n1, p.n2, o);
  Rng rng(0);
  TrainOptions opt;
  opt.iterations = 50;
  StepSizeSearchOptions search;
  search.grid = {1e6, 1e5};
  const StepSizeSearchResult r = search_step_size(snn, p, opt, snn.initial_parameters(rng), search, 10);
  EXPECT_FALSE(r.best.has_value());
  EXPECT_EQ(r.candidates.size(), 2u);
  EXPECT_THROW(search_step_size(snn, p, opt, snn.initial_parameters(rng), StepSizeSearchOptions{{}, 1, 0}, 10),
               InputError);
}

TEST(StepSizeSearch, ReturnsTheStepSizeOfItsRun) {
  const Problem p = check::small_problem();
  SnnOptions o;
  o.layers = {2};
  const Snn snn(p.n1, p.n2, o);
  Rng rng(0);
  TrainOptions opt;
  opt.iterations = 50;
  StepSizeSearchOptions search;
  search.grid = {1e6, 0.05, 0.01};
  const StepSizeSearchResult r = search_step_size(snn, p, opt, snn.initial_parameters(rng), search, 10);
  ASSERT_TRUE(r.best.has_value());
  EXPECT_EQ(r.step_size(), r.candidates[*r.best].lr);
  search.grid = {1e6, 1e5};
  EXPECT_FALSE(search_step_size(snn, p, opt, snn.initial_parameters(rng), search, 10).step_size().has_value());
}
