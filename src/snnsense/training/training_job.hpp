#pragma once
// One training run as the CLI, `compare` and the experiments describe it: which model, how it is
// initialised, how the step size is found, and the run directory it produces.
#include <optional>
#include <string>

#include "snnsense/models/model_factory.hpp"
#include "snnsense/training/run_files.hpp"
#include "snnsense/training/step_size_search.hpp"

namespace snnsense {

struct TrainingJob {
  std::string model = "snn";
  ModelSettings settings;
  TrainOptions train;
  bool search_step_size = false;  // true: a grid search (search.placement says which grid); train.lr is then ignored
  StepSizeSearchOptions search;
  Index trace_every = 0;             // 0: iterations / 100
  std::uint64_t init_seed = 0;
  std::optional<Vector> initial;     // overrides the model's initialisation
  nlohmann::json extra_config = nlohmann::json::object();  // merged into config.json (e.g. CLI spellings)
};

struct TrainingOutcome {
  TrainResult result;
  double lr = 0.0;        // the step size used (the search's winner)
  bool any_finished = true;  // false when every search candidate diverged
  RunFiles files;         // config, summary, X, params, trace: ready to save
};

// Builds the model, draws or takes the initial parameters, trains (or searches), and assembles
// the run files. Throws InputError for invalid settings before any work.
TrainingOutcome run_training_job(const Problem& problem, const TrainingJob& job,
                                 const std::vector<Callback*>& callbacks = {});

}  // namespace snnsense
