#pragma once
// One of the paper's figures, computed: the problem, every model's run with the step-size search,
// the convex reference, the comparison table, the diagnostics against the convex solution and the
// claims. Figures and the report are drawn afterwards from these files (reproduction.hpp).
//
//   problem/               the generated problem
//   runs/<model>/          one run directory per model, runs/nuclear the convex solution
//   table.csv, table.md    the comparison (every number from the runs' summary.json)
//   diagnostics.json       {"convex_run": "runs/nuclear", "runs": {<model>: diagnose() against it,
//                           plus distance_to_min_frobenius and, on well-specified problems,
//                           excess_loss_rate}}
//   claims.json            the paper's claims beside what was measured
//   reproduction.json      the recipe, the version and the time taken
#include <filesystem>
#include <vector>

#include "snnsense/experiments/reproduction/figure_recipe.hpp"
#include "snnsense/experiments/reports/paper_claims.hpp"
#include "snnsense/experiments/reproduction/reproduction_hooks.hpp"

namespace snnsense {

struct FigureRun {
  ComparisonTable table;
  std::vector<ClaimCheck> claims;
  bool interrupted = false;  // a run was stopped by a callback or the interrupt; later models did not run
};

// Writes into the existing directory `dir`. `final_dir` is where `dir` will be moved (a staging
// directory is renamed): the runs record final_dir/problem as their problem in config.json. Each
// finished run is kept in final_dir.partial until the figure is written, and taken from there by a
// rerun after a kill (reproduction_runs.hpp).
FigureRun run_figure(const FigureRecipe& recipe, const std::filesystem::path& dir,
                     const std::filesystem::path& final_dir, const ReproductionHooks& hooks = {});

}  // namespace snnsense
