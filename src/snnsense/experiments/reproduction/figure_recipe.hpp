#pragma once
// The paper's figures as recipes (docs/science.md §4): the data to draw, the models to train on
// it with which settings and budget, and the convex reference. `quick` cuts the budgets and the step-size
// search so that all three run in seconds and still show the paper's qualitative result.
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "snnsense/experiments/reproduction/comparison.hpp"
#include "snnsense/problems/generate.hpp"

namespace snnsense {

// The one name of the convex reference (the run "nuclear") in legends, tables and claims. The
// method is nuclear-norm minimisation whichever solver computes it (basis pursuit, ADMM, or an
// SDP solver in the reference code); the solver is stated in the report's configuration.
inline constexpr const char* kConvexLabel = "convex (min nuclear norm)";

struct FigureRecipe {
  std::string name;   // fig1, fig2, fig3
  std::string title;  // one line for the report
  std::string about;  // what the figure shows and what the paper says about it
  bool quick = false;
  GenerateOptions data;
  std::vector<std::string> models;            // trained models in order, then "nuclear"
  std::map<std::string, TrainingJob> jobs;    // one per trained model
  std::map<std::string, std::string> labels;  // legend text per model, "nuclear" included
  SolveOptions solve;

  // The comparison that runs the recipe (models, per-model jobs, convex options).
  CompareOptions compare_options() const;
  // Everything a reader needs to rerun the recipe by hand, for reproduction.json and the report.
  nlohmann::json to_json() const;
};

std::vector<std::string> figure_names();  // fig1, fig2, fig3

// Throws InputError naming the figure for unknown names.
FigureRecipe figure_recipe(const std::string& name, bool quick);

// The step-size search of --quick: the paper's grid restricted to 1e-2..1e-6 (every figure's
// winner lies there), each candidate probed for a tenth of the budget.
StepSizeSearchOptions quick_search(Index iterations);

}  // namespace snnsense
