// The completion experiment's recipe and the frontier it measures the SNN against.
#include <gtest/gtest.h>

#include <cmath>

#include "snnsense/experiments/reproduction/comparison.hpp"
#include "snnsense/experiments/reproduction/completion_experiment.hpp"

using namespace snnsense;

namespace {

SoftImputePoint point(double train_rmse, double nuclear_norm) {
  SoftImputePoint p;
  p.train_rmse = train_rmse;
  p.nuclear_norm = nuclear_norm;
  return p;
}

}  // namespace

TEST(CompletionExperiment, FrontierIsThePathInterpolatedBetweenNeighbouringLambdas) {
  // A path as soft-impute writes it: lambda decreasing, training error falling, nuclear norm rising.
  const std::vector<SoftImputePoint> path{point(0.45, 0.0), point(0.30, 100.0), point(0.20, 300.0),
                                          point(0.10, 700.0)};
  EXPECT_DOUBLE_EQ(*frontier_nuclear_norm(path, 0.30), 100.0);
  EXPECT_DOUBLE_EQ(*frontier_nuclear_norm(path, 0.25), 200.0);
  EXPECT_DOUBLE_EQ(*frontier_nuclear_norm(path, 0.125), 600.0);
  EXPECT_DOUBLE_EQ(*frontier_nuclear_norm(path, 0.45), 0.0);
  // Outside the path there is nothing to compare with.
  EXPECT_FALSE(frontier_nuclear_norm(path, 0.05));
  EXPECT_FALSE(frontier_nuclear_norm(path, 0.5));
  EXPECT_FALSE(frontier_nuclear_norm({point(0.2, 1.0)}, 0.2));
  // The order of the points does not matter.
  const std::vector<SoftImputePoint> shuffled{path[2], path[0], path[3], path[1]};
  EXPECT_DOUBLE_EQ(*frontier_nuclear_norm(shuffled, 0.25), 200.0);
}

TEST(CompletionExperiment, RecipeIsTheFashionMnistSplitWithComparableRanks) {
  for (bool quick : {false, true}) {
    const CompletionExperimentOptions o = CompletionExperimentOptions::fashion_mnist(quick);
    EXPECT_EQ(o.data.problem, "fashion-mnist");
    EXPECT_EQ(o.data.design, "completion");
    EXPECT_EQ(o.data.n, quick ? 1000 : 60000);
    EXPECT_EQ(o.data.fraction, 0.10);
    EXPECT_EQ(o.data.test, std::llround(0.01 * static_cast<double>(o.data.n) * 784.0));
    EXPECT_EQ(o.data.noise, 0.0);
    ASSERT_GE(o.runs.size(), 3u);
    EXPECT_EQ(o.runs[0].name, "bm");
    EXPECT_EQ(o.runs[1].name, "snn");
    // The SNN's factors P, Q have R = d1 r columns, as many as Burer-Monteiro's.
    const TrainingJob& snn = o.runs[1].job;
    EXPECT_EQ(snn.settings.snn.layers.front() * snn.settings.snn.rank, o.runs[0].job.settings.bm.rank);
    EXPECT_EQ(snn.settings.snn.identity_eps, SnnOptions{}.identity_eps);  // the default init scale
    for (std::size_t i = 2; i < o.runs.size(); ++i) {
      EXPECT_GT(o.runs[i].job.settings.snn.identity_eps, o.runs[i - 1].job.settings.snn.identity_eps);
      EXPECT_EQ(o.runs[i].job.settings.snn.layers, snn.settings.snn.layers);
    }
    for (const CompletionRunRecipe& r : o.runs) {
      EXPECT_NO_THROW(r.job.validate()) << r.name;
      EXPECT_GT(r.job.train.early_stopping_patience, 0) << r.name;
    }
    EXPECT_NO_THROW(o.soft_impute.validate());
  }
}

TEST(CompletionExperiment, ClaimsFollowTheirStatedCriteria) {
  auto row = [](const std::string& name, double test_rmse) {
    ComparisonRow r;
    r.name = name;
    r.summary = {{"final", {{"test_rmse", test_rmse}}}};
    return r;
  };
  auto at = [](double eps, double gap) {
    FrontierPoint p;
    p.identity_eps = eps;
    p.gap = gap;
    return p;
  };
  ComparisonTable table;
  table.rows = {row("bm", 0.20), row("snn", 0.209), row("nuclear", 0.21)};
  std::vector<ClaimCheck> claims = completion_claims(table, {at(1e-4, 0.05), at(1.0, 0.5)}, false);
  ASSERT_EQ(claims.size(), 3u);
  EXPECT_TRUE(claims[0].agree);  // 0.209 / 0.20 = 1.045 <= 1.05
  EXPECT_NE(claims[0].measured.find("ratio 1.045"), std::string::npos) << claims[0].measured;
  EXPECT_TRUE(claims[1].agree);  // +5 % at the smallest scale
  EXPECT_TRUE(claims[2].agree);  // +50 % at the largest

  table.rows[1] = row("snn", 0.211);  // 1.055 times the best
  claims = completion_claims(table, {at(1.0, 0.05), at(1e-4, 0.2)}, false);
  EXPECT_FALSE(claims[0].agree);
  EXPECT_FALSE(claims[1].agree);  // the smallest scale is the second point here: +20 %
  EXPECT_FALSE(claims[2].agree);  // the gap shrinks with the scale
  // Without a frontier point the claims say so rather than agree.
  claims = completion_claims(table, {}, true);
  EXPECT_FALSE(claims[1].agree);
  EXPECT_FALSE(claims[2].agree);
}
