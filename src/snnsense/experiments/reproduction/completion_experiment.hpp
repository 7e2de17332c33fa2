#pragma once
// Matrix completion on real data (docs/science.md §7): Fashion-MNIST's training images as the rows
// of a matrix of pixels / 255, 10 % of its entries observed and 1 % held out. Three methods side by
// side — the factored SNN, Burer-Monteiro and soft-impute (the nuclear-norm reference along its
// lambda path) — and the paper's question at this scale: how close does gradient descent on the
// SNN land to the minimum-nuclear-norm completion at its own training error, and how does the
// initialisation scale move it?
//
//   problem/              the problem (generate --problem fashion-mnist)
//   runs/nuclear/         soft-impute: the best lambda by held-out RMSE, lambda_path.csv the whole path
//   runs/<model>/         one run directory per trained model: bm, snn, snn-eps-<e> (other init scales)
//   table.csv, table.md   the comparison: errors on the observed and held-out entries, time
//   frontier.csv          per SNN run: its final training RMSE and nuclear norm, soft-impute's
//                         nuclear norm at that training RMSE (the path interpolated) and the gap
//   claims.json           the claims beside what was measured
//   reproduction.json     the recipe, the version and the time taken
#include <cstdint>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "snnsense/convex/soft_impute.hpp"
#include "snnsense/experiments/reports/paper_claims.hpp"
#include "snnsense/experiments/reproduction/comparison.hpp"
#include "snnsense/experiments/reproduction/reproduction_hooks.hpp"
#include "snnsense/problems/generate.hpp"
#include "snnsense/training/training_job.hpp"

namespace snnsense {

struct CompletionRunRecipe {
  std::string name;   // the run directory under runs/ and the table's row
  std::string label;  // legend text
  TrainingJob job;
};

struct CompletionExperimentOptions {
  GenerateOptions data;
  std::vector<CompletionRunRecipe> runs;  // bm, then snn (the default recipe), then the other init scales
  SoftImputeOptions soft_impute;
  // The SNN runs are scaled to the data once soft-impute has measured lambda_max = ||A*(y)||_2:
  // the activation is c tanh(s / c) with c = activation_margin s1 (s1 of X* estimated as
  // lambda_max n1 n2 / m), so that it does not saturate, and the step size snn_step m / lambda_max.
  double activation_margin = 3.0;
  double snn_step = 0.01;
  bool quick = false;

  // The whole training set (60000 x 784) with the recipes of docs/science.md §7, or with `quick`
  // its first 1000 images and shorter budgets (well under a minute on 2 cores).
  static CompletionExperimentOptions fashion_mnist(bool quick);
  nlohmann::json to_json() const;
};

// One SNN run against the nuclear-norm frontier that soft-impute's path traces.
struct FrontierPoint {
  std::string run;
  double identity_eps = 0.0;  // the init scale
  double train_rmse = 0.0;
  double nuclear_norm = 0.0;
  // Soft-impute's nuclear norm at the same training RMSE, linear between the two path points
  // around it (none when the RMSE lies outside the path). The chord lies on or above the convex
  // frontier, so the gap is a lower bound on the true one.
  std::optional<double> frontier_nuclear_norm;
  std::optional<double> gap;  // (nuclear_norm - frontier) / frontier
};

// The frontier's nuclear norm at `train_rmse` from soft-impute's path points (any order).
std::optional<double> frontier_nuclear_norm(const std::vector<SoftImputePoint>& path, double train_rmse);

struct CompletionExperimentResult {
  std::vector<FrontierPoint> frontier;
  std::vector<ClaimCheck> claims;
  bool interrupted = false;
};

// The claims of the completion reproduction (reports/completion_claims.cpp): the SNN's held-out RMSE
// within 5 % of the best of Burer-Monteiro and soft-impute (row "snn" of `table`), its nuclear
// norm within 10 % of the frontier from the smallest init scale, and the gap growing with the scale.
std::vector<ClaimCheck> completion_claims(const ComparisonTable& table, const std::vector<FrontierPoint>& frontier,
                                          bool quick);

// Writes into the existing directory `dir`; `final_dir` is where it will be moved (recorded as the
// runs' problem location).
CompletionExperimentResult run_completion_experiment(const CompletionExperimentOptions& options,
                                                     const std::filesystem::path& dir,
                                                     const std::filesystem::path& final_dir,
                                                     const ReproductionHooks& hooks = {});

}  // namespace snnsense
