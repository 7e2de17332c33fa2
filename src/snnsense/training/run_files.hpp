#pragma once
// A run on disk: what `train` and `solve` write and what `diagnose`, `compare` and `plot` read.
//   config.json   the fully resolved options (with seed and version)
//   summary.json  why it stopped, final metrics, timings
//   X.npy         the reconstruction; X.png too for image problems (in pixels)
//   params.npy    the model parameters (train only)
//   dual.npy      the dual vector lambda of the convex solution (solve only)
//   trace.csv, singular_values.csv   the sampled history (train only)
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>

#include "snnsense/problems/problem.hpp"
#include "snnsense/training/trace.hpp"

namespace snnsense {

struct RunFiles {
  nlohmann::json config = nlohmann::json::object();
  nlohmann::json summary = nlohmann::json::object();
  Matrix X;                   // empty when no finite iterate exists (divergence at the start)
  std::optional<Vector> params;
  std::optional<Vector> dual;
  std::optional<Trace> trace;

  // Writes into an existing (staging) directory.
  void save(const std::filesystem::path& dir, const Problem& problem) const;
};

// Reads config.json, summary.json and X.npy of a run directory (FileError naming what is missing).
RunFiles load_run(const std::filesystem::path& dir);

}  // namespace snnsense
