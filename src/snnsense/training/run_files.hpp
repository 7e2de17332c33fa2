#pragma once
// A run on disk: what `train` and `solve` write and what `diagnose`, `compare` and `plot` read.
//   config.json   the fully resolved options (with seed and version)
//   summary.json  why it stopped, final metrics, timings
//   X.npy         the reconstruction of a dense estimate; X.png too for image problems (in pixels)
//   X_left.npy, X_right.npy   a factored estimate: X = X_left @ X_right.T (n1 x R and n2 x R;
//                 X_right has orthonormal columns); X.npy (and X.png) beside them only while
//                 n1 n2 <= 10^6, a copy for plotting: the factors are what is read back
//   params.npy    the model parameters (train only)
//   dual.npy      the dual vector lambda of the convex solution (solve only)
//   trace.csv, singular_values.csv   the sampled history (train only)
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>

#include "snnsense/models/estimate.hpp"
#include "snnsense/problems/problem.hpp"
#include "snnsense/training/trace.hpp"

namespace snnsense {

struct RunFiles {
  nlohmann::json config = nlohmann::json::object();
  nlohmann::json summary = nlohmann::json::object();
  EstimatePtr estimate;       // null when no finite iterate exists (divergence at the start)
  std::optional<Vector> params;
  std::optional<Vector> dual;
  std::optional<Trace> trace;

  // Writes into an existing (staging) directory.
  void save(const std::filesystem::path& dir, const Problem& problem) const;
};

// Reads config.json, summary.json and the estimate (X.npy, or X_left.npy and X_right.npy) of a
// run directory (FileError naming what is missing).
RunFiles load_run(const std::filesystem::path& dir);

}  // namespace snnsense
