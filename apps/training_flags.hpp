#pragma once
// The options that describe a training run, shared by `train` and `compare` so that both spell,
// default and validate them the same way.
#include <CLI/CLI.hpp>
#include <optional>
#include <string>

#include "snnsense/training/training_job.hpp"

namespace snnsense::cli {

struct TrainingFlags {
  std::string model = "snn";
  std::string layers = "2,2,2,2";
  std::string activation = "tanh";
  double activation_scale = 1.0;
  std::string init = "identity";
  double init_eps = 1e-4;
  std::optional<double> init_scale;
  Index rank = 0;
  int depth = 3;
  Index width = 0;
  std::string lr = "0.01";
  std::string lr_grid;
  Index search_successes = 3;
  Index search_probe = 0;
  Index trace_every = 0;
  int threads = 1;
  std::string svd = "warm";
  std::string schedule = "constant";
  std::string momentum = "none";
  TrainOptions train;
};

// `with_model` adds --model (compare names its models with --models instead).
void add_training_flags(CLI::App& command, TrainingFlags& flags, bool with_model);

// Parses and validates the flags (InputError naming the option) into a job for `model`.
TrainingJob training_job(const TrainingFlags& flags, const std::string& model);

}  // namespace snnsense::cli
