#pragma once
// The experiment the paper lacks (docs/science.md §3): on a well-specified, under-determined problem
// the minimum-nuclear-norm limit is only approached from a small initialisation, so the nuclear-
// norm gap of the converged one-layer SNN is measured against the init scale, over several seeds.
// A sweep over the scales on each seed's problem, run through the pipeline of the figures
// (reproduction_runs.hpp): a rerun after a kill makes only the runs not kept in FINAL.partial.
//
//   problems/seed-<k>/            one problem per seed (the seed also draws the initialisation)
//   runs/seed-<k>/nuclear/        its convex solution (basis pursuit, exact)
//   runs/seed-<k>/scale-<s>/      the SNN run at init scale s
//   results.csv                   one row per run: scale, seed, status, iterations, lr, final loss,
//                                 nuclear-norm gap, distance to convex, KKT residual, off-diagonal max
//   table.csv, table.md           one row per scale: runs, converged, gap mean, std, min, max
//   diagnostics.json              diagnose() of every run against its seed's convex solution
//   claims.json, reproduction.json
#include <cstdint>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "snnsense/experiments/reports/paper_claims.hpp"
#include "snnsense/experiments/reproduction/reproduction_hooks.hpp"
#include "snnsense/problems/generate.hpp"
#include "snnsense/training/training_job.hpp"

namespace snnsense {

struct InitScaleOptions {
  std::vector<double> scales{1.0, 0.3, 0.1, 0.03, 0.01};
  std::vector<std::uint64_t> seeds{0, 1, 2, 3, 4};
  GenerateOptions data;  // its seed is replaced per run
  TrainingJob job;       // its init scale and seed are replaced per run
  bool quick = false;

  // n = 10, rank 6, m = 5 well-specified measurements without noise; one-layer SNN [1], tanh,
  // spectral init, run to a training loss of 1e-10 (1e-8 and 3 seeds with quick).
  static InitScaleOptions paper(bool quick);
  nlohmann::json to_json() const;
};

struct InitScaleRun {
  double scale = 0.0;
  std::uint64_t seed = 0;
  StopReason reason = StopReason::max_iterations;  // loss_tolerance means converged
  Index iterations = 0;
  double lr = 0.0;
  double final_loss = 0.0;
  double nuclear_gap = 0.0;  // (||X||_* - ||X_cvx||_*) / ||X_cvx||_*
  double distance_to_convex = 0.0;
  double kkt_residual = 0.0;
  double off_diagonal_max = 0.0;
};

// The gap's statistics over the seeds at one scale; std is the sample standard deviation.
struct InitScalePoint {
  double scale = 0.0;
  Index runs = 0;
  Index converged = 0;
  double mean_gap = 0.0, std_gap = 0.0, min_gap = 0.0, max_gap = 0.0;
};

struct InitScaleResult {
  std::vector<InitScaleRun> runs;
  std::vector<InitScalePoint> points;  // in the order of the scales
  std::vector<ClaimCheck> claims;
  bool interrupted = false;
};

// Writes into the existing directory `dir`; `final_dir` is where it will be moved (recorded as the
// runs' problem location).
InitScaleResult run_init_scale(const InitScaleOptions& options, const std::filesystem::path& dir,
                               const std::filesystem::path& final_dir, const ReproductionHooks& hooks = {});

std::vector<InitScalePoint> summarise_init_scale(const std::vector<double>& scales,
                                                 const std::vector<InitScaleRun>& runs);

// The rows of table.md, shared with the report so that both print the same numbers.
std::vector<std::string> init_scale_table_header();
std::vector<std::string> init_scale_table_cells(const InitScalePoint& point);
// Reads table.csv back (full precision).
std::vector<InitScalePoint> read_init_scale_table(const std::filesystem::path& file);

// docs/science.md §3: +0.1..3% at scale 0.01, +25..800% at scale 1, shrinking with the scale.
std::vector<ClaimCheck> init_scale_claims(const std::vector<InitScalePoint>& points, bool quick);

}  // namespace snnsense
