#pragma once
// The options that describe a training run, shared by `train` and `compare` so that both spell,
// default and validate them the same way. Every default is the one of the options type the flag
// fills (TrainingJob, TrainOptions, StepSizeSearchOptions, the models' options); the flags that
// are text here (lists, names, "search") start as that default's text.
#include <CLI/CLI.hpp>
#include <optional>
#include <string>

#include "snnsense/training/training_job.hpp"

namespace snnsense::cli {

struct TrainingFlags {
  std::string model = TrainingJob{}.model;
  std::string layers = join_widths(SnnOptions{}.layers);
  std::string activation = Activation{}.name();
  double activation_scale = Activation{}.scale();
  // The SNN's default initialisation, applied by the command line to bm and df too (as "identity").
  std::string init = to_string(SnnOptions{}.init);
  double init_eps = SnnOptions{}.identity_eps;
  std::optional<double> init_scale;  // none: each model's own default
  Index rank = SnnOptions{}.rank;
  int depth = DfOptions{}.depth;
  Index width = DfOptions{}.width;
  std::string lr = number_text(TrainOptions{}.lr);
  std::string lr_grid;  // empty: the search's default grid
  Index search_successes = StepSizeSearchOptions{}.successes;
  Index search_probe = StepSizeSearchOptions{}.probe_iterations;
  Index trace_every = TrainingJob{}.trace_every;
  int threads = SnnOptions{}.threads;
  std::string svd = to_string(SnnOptions{}.warm_start_svd ? SvdMethod::warm : SvdMethod::lapack);
  std::string representation = to_string(SnnOptions{}.representation);
  std::string schedule = to_string(TrainOptions{}.schedule);
  std::string momentum = to_string(TrainOptions{}.momentum);
  std::string optimizer = to_string(TrainOptions{}.optimizer);
  TrainOptions train;

  static std::string join_widths(const std::vector<int>& widths);  // "2,2,2,2"
  static std::string number_text(double value);                    // "0.01"
};

// `with_model` adds --model (compare names its models with --models instead).
void add_training_flags(CLI::App& command, TrainingFlags& flags, bool with_model);

// Parses and validates the flags (InputError naming the option) into a job for `model`.
TrainingJob training_job(const TrainingFlags& flags, const std::string& model);

}  // namespace snnsense::cli
