// The recipes are the paper's (docs/science.md §4), and --quick only cuts budgets and the search.
#include <gtest/gtest.h>

#include "snnsense/core/error.hpp"
#include "snnsense/experiments/reproduction/figure_recipe.hpp"
#include "snnsense/experiments/reproduction/init_scale_experiment.hpp"
#include "snnsense/experiments/reproduction/reproduction.hpp"

using namespace snnsense;

TEST(FigureRecipes, FullBudgetsAndSettingsAreThePapers) {
  const FigureRecipe fig1 = figure_recipe("fig1", false);
  EXPECT_EQ(fig1.data.design, "spectral");
  EXPECT_EQ(fig1.data.measurements, 75);
  EXPECT_EQ(fig1.models, (std::vector<std::string>{"snn", "nuclear"}));
  EXPECT_EQ(fig1.jobs.at("snn").train.iterations, 100001);
  EXPECT_EQ(fig1.jobs.at("snn").settings.snn.init, SnnInit::spectral);
  EXPECT_EQ(fig1.jobs.at("snn").settings.snn.layers, (std::vector<int>{2, 2, 2, 2}));

  const FigureRecipe fig2 = figure_recipe("fig2", false);
  EXPECT_EQ(fig2.data.design, "gaussian");
  EXPECT_EQ(fig2.models, (std::vector<std::string>{"snn", "lg", "df", "nuclear"}));
  EXPECT_EQ(fig2.jobs.at("df").settings.df.depth, 3);
  EXPECT_EQ(fig2.jobs.at("snn").settings.snn.init, SnnInit::identity);
  for (const auto& [model, job] : fig2.jobs) EXPECT_EQ(job.train.iterations, 10001) << model;

  const FigureRecipe fig3 = figure_recipe("fig3", false);
  EXPECT_EQ(fig3.data.image, "fashion-mnist:0");
  EXPECT_EQ(fig3.data.measurements, 470);
  EXPECT_EQ(fig3.jobs.at("snn").settings.snn.layers, (std::vector<int>{4, 8, 16}));
  for (const auto& [model, job] : fig3.jobs) {
    EXPECT_EQ(job.train.iterations, 2501) << model;
    EXPECT_TRUE(job.search_step_size);
    EXPECT_EQ(job.search.grid, StepSizeSearchOptions::paper_grid());
    EXPECT_EQ(job.search.probe_iterations, 0);
  }
  EXPECT_THROW(figure_recipe("fig4", false), InputError);
}

TEST(FigureRecipes, QuickCutsBudgetsAndTheGridOnly) {
  for (const std::string& name : figure_names()) {
    const FigureRecipe full = figure_recipe(name, false), quick = figure_recipe(name, true);
    EXPECT_EQ(quick.models, full.models);
    EXPECT_EQ(quick.data.seed, full.data.seed);
    for (const auto& [model, job] : quick.jobs) {
      EXPECT_LT(job.train.iterations, full.jobs.at(model).train.iterations) << name << " " << model;
      EXPECT_GT(job.search.probe_iterations, 0);
      EXPECT_DOUBLE_EQ(job.search.grid.front(), 1e-2);
      EXPECT_DOUBLE_EQ(job.search.grid.back(), 1e-6);
      EXPECT_EQ(job.search.grid.size(), 9u);
    }
    EXPECT_EQ(quick.to_json()["quick"], true);
  }
}

TEST(Reproduction, NamesAndTargets) {
  EXPECT_EQ(reproduction_targets("all"),
            (std::vector<std::string>{"fig1", "fig2", "fig3", "init-scale", "completion"}));
  EXPECT_EQ(reproduction_targets("init-scale"), (std::vector<std::string>{"init-scale"}));
  EXPECT_THROW(reproduction_targets("fig4"), InputError);
  const InitScaleOptions full = InitScaleOptions::paper(false), quick = InitScaleOptions::paper(true);
  EXPECT_EQ(full.seeds.size(), 5u);
  EXPECT_EQ(quick.seeds.size(), 3u);
  EXPECT_EQ(full.scales, (std::vector<double>{1.0, 0.3, 0.1, 0.03, 0.01}));
  EXPECT_EQ(full.data.measurements, 5);
  EXPECT_EQ(full.data.noise, 0.0);
}
