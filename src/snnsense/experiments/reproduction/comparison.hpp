#pragma once
// Several methods on one problem with one budget: each run is kept as its own run directory and
// summarised in one table (CSV, Markdown, or text for the terminal). Every number in the table
// is read from the run's summary.json, so tables and runs cannot disagree.
#include <atomic>
#include <filesystem>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "snnsense/convex/solve_result.hpp"
#include "snnsense/experiments/reproduction/convex_run.hpp"
#include "snnsense/experiments/reproduction/finished_runs.hpp"
#include "snnsense/training/training_job.hpp"

namespace snnsense {

struct CompareOptions {
  std::vector<std::string> models{"snn", "lg", "df", "bm", kConvexModel};  // model names, or kConvexModel
  // The training job of each trained model: one budget and step-size rule for all, with the
  // model-specific reading of shared options (an --init means different things to snn and df).
  std::function<TrainingJob(const std::string& model)> job = [](const std::string& model) {
    TrainingJob j;
    j.model = model;
    return j;
  };
  SolveOptions solve;

  // Throws InputError naming --models for unknown or repeated names, or the job's own error.
  void validate() const;
  // Everything that decides the comparison's runs: the models in order, each one's job in its JSON
  // form (seeds included) and the convex solver's options.
  nlohmann::json to_json() const;
};

struct ComparisonRow {
  std::string name;
  nlohmann::json summary;  // the run's summary.json
  // What the summary's "status" says, typed: why a trained model stopped, or how the convex
  // solve ended (the other one empty).
  std::optional<StopReason> stop;
  std::optional<SolveStatus> solved;
  std::optional<double> lr;  // a trained model's step size (the search's choice)
  std::vector<std::string> key_values;  // the values of ComparisonTable::keys, as text

  bool interrupted() const { return stop == StopReason::interrupted || solved == SolveStatus::interrupted; }
};

struct ComparisonTable {
  std::vector<ComparisonRow> rows;
  bool image = false;       // adds the PSNR column
  bool completion = false;  // adds the entries' RMSE and MAE columns
  bool steps_and_lr = false;  // adds the iterations and the step size (summary's "iterations", "lr")
  std::string name_column = "model";
  std::vector<std::string> keys;  // columns after the name, each row's key_values (a sweep's grid keys)
  // After an interruption: the methods that never started. They have no row and no run directory;
  // the interrupted model keeps its row, with status "interrupted", like a `train` run.
  std::vector<std::string> not_run;

  // A run was interrupted, or an interruption kept methods from starting.
  bool interrupted() const;

  // Column names and the row's values as text ("" where a quantity does not apply).
  std::vector<std::string> header() const;
  std::vector<std::string> cells(const ComparisonRow& row) const;

  void write_csv(const std::filesystem::path& file) const;
  void write_markdown(const std::filesystem::path& file) const;
  std::string markdown() const;
};

// Runs every method on `problem` on the run set (sweep/run_set.hpp), writing each run into
// dir/<name>/ (dir must exist), and returns the table. `problem_path` is recorded in each run's
// config.json. Each callback hears on_stage("<name> (i/N)") before method i starts. An
// interruption ends the comparison: after a run that ends "interrupted" (a trained model through
// an InterruptStop callback, the convex solve through options.solve.interrupt), which keeps its
// row and run directory, or once `interrupt` is raised (checked before each method), the methods
// that did not start are listed in not_run. With `finished`, the methods kept there by an earlier,
// killed run of the same comparison are copied first instead of run again, and each method that
// finishes (not interrupted) is kept there.
ComparisonTable run_comparison(const Problem& problem, const std::string& problem_path, const CompareOptions& options,
                               const std::filesystem::path& dir, const std::vector<Callback*>& callbacks = {},
                               const std::atomic<bool>* interrupt = nullptr, FinishedRuns* finished = nullptr);

// One row from an existing run directory (name = the directory's name).
ComparisonRow read_comparison_row(const std::filesystem::path& run_dir);

// The table of existing run directories (name = directory name); the completion columns appear
// when a run's summary reports entry errors.
ComparisonTable read_comparison(const std::vector<std::filesystem::path>& run_dirs, bool image);

}  // namespace snnsense
