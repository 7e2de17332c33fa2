#pragma once
// One training run as `train`, `compare`, the reproductions and the Python module describe it:
// which model with which settings, how it is initialised, how the step size is chosen, and the
// run directory it produces. Every caller fills a TrainingJob and runs it here, so the set-up of
// a run, its defaults and its config.json exist once.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "snnsense/diagnostics/run_metrics.hpp"
#include "snnsense/models/model_factory.hpp"
#include "snnsense/training/checkpoint_writer.hpp"
#include "snnsense/training/run_files.hpp"
#include "snnsense/training/step_size_search.hpp"

namespace snnsense {

struct TrainingJob {
  std::string model = "snn";
  ModelSettings settings;
  TrainOptions train;
  bool search_step_size = false;  // true: a grid search (search.placement says which grid); train.lr is then ignored
  StepSizeSearchOptions search;
  Index trace_every = 0;          // 0: iterations / 100
  std::uint64_t init_seed = 0;
  std::optional<Vector> initial;  // overrides the model's initialisation
  // Recorded in config.json beside the job's own keys (how the caller spelled the model's
  // options, where the problem lives); a key here replaces the job's key of the same name.
  nlohmann::json extra_config = nlohmann::json::object();

  // InputError naming the option at fault (the training options, the search when it is used,
  // the trace period), before any work.
  void validate() const;
  // The trace period: trace_every, or iterations / 100 for 0.
  Index resolved_trace_every() const;

  // Records the model's settings named in `keys` (every one when empty) in extra_config, as
  // settings_json() spells them; config.json then says them beside the job's own keys.
  void record_settings(const std::vector<std::string>& keys = {});

  // The job's one JSON form, config.json's keys (the command line's spellings): model, lr,
  // lr_search, iters, schedule, decay-every, decay-factor, optimizer, momentum,
  // momentum-coefficient, adam-beta1, adam-beta2, adam-eps, batch-size, loss-tol, grad-tol,
  // divergence-factor, early-stopping, early-stopping-every, trace-every, seed, minibatch-seed,
  // and extra_config's keys. from_json reads what to_json writes, the settings that
  // record_settings() wrote among them (a setting not recorded stays at its default; the search
  // grid is not among the keys).
  nlohmann::json to_json() const;
  static TrainingJob from_json(const nlohmann::json& json);
};

// The model settings of a run as config.json records them, under the command line's names:
// layers, activation, activation-scale, init (the model's own: the SNN's, or the factors' of bm
// and df), init-eps, init-scale (the model's own), rank and representation (Burer-Monteiro's for
// bm, the SNN's otherwise), depth, width, threads, svd.
nlohmann::json settings_json(const std::string& model, const ModelSettings& settings);
// Reads the keys settings_json() writes (absent or null ones keep their defaults; init-scale
// sets every model's). InputError naming the key for a value of the wrong type or name.
ModelSettings settings_from_json(const std::string& model, const nlohmann::json& json);

// A job's model and starting point on one problem, made once: `train` writes the start to a file
// (--params-init-out) before training from that same start.
struct PreparedTraining {
  ModelPtr model;
  Vector initial;
};

// Validates the job, builds its model for the problem (or takes `model`, already built for it)
// and draws the initial parameters from init_seed unless job.initial gives them. InputError for
// invalid settings, an initial vector of the wrong length, or a run whose memory estimate exceeds
// job.train.max_memory_gb (training/training_memory.hpp), refused before the model allocates.
PreparedTraining prepare_training(const Problem& problem, const TrainingJob& job, ModelPtr model = nullptr);

struct TrainingOutcome {
  TrainResult result;
  double lr = 0.0;               // the step size used (the search's choice; train.lr when none finished)
  std::optional<double> chosen_lr;  // the step size used; none when every search candidate diverged
  bool any_finished = true;      // false when every search candidate diverged
  std::optional<StepSizeSearchReport> search;  // the search's candidates and choice (summary.json's step_size_search)
  std::optional<RunMetrics> final;       // evaluate(problem, X); none without an X
  RunFiles files;                // config, summary, X, params, trace: ready to save
};

// Trains (or searches) from the prepared start and assembles the run files. With checkpoint.file
// set, the run (each run of a search) writes checkpoints there (training/checkpoint_writer.hpp),
// the writer placed after `callbacks`. With `resume`, continues the run that checkpoint stopped
// (the job and the start must be the checkpoint's: FileError naming it otherwise): the outcome is
// bit for bit the uninterrupted run's, timings aside.
TrainingOutcome run_training_job(const Problem& problem, const TrainingJob& job, const PreparedTraining& prepared,
                                 const std::vector<Callback*>& callbacks = {},
                                 const CheckpointOptions& checkpoint = {}, const Checkpoint* resume = nullptr);
// prepare_training, then the above.
TrainingOutcome run_training_job(const Problem& problem, const TrainingJob& job,
                                 const std::vector<Callback*>& callbacks = {});

}  // namespace snnsense
