#pragma once
// The history of a run, sampled every k iterations: what the paper's figures are drawn from.
#include <filesystem>
#include <vector>

#include "snnsense/core/state_stream.hpp"
#include "snnsense/diagnostics/run_metrics.hpp"

namespace snnsense {

struct TraceRow {
  Index iteration = 0;
  double seconds = 0.0;
  double step_size = 0.0;
  double gradient_norm = 0.0;
  RunMetrics metrics;
};

struct Trace {
  std::vector<TraceRow> rows;

  // trace.csv: one row per sample; optional quantities are empty cells when not applicable.
  void write_csv(const std::filesystem::path& file) const;
  // singular_values.csv: iteration, then s_1 >= s_2 >= ... of X.
  void write_singular_values_csv(const std::filesystem::path& file) const;

  // Every row's numbers with their bits, for a checkpoint.
  void save(StateWriter& out) const;
  static Trace restore(StateReader& in);
};

}  // namespace snnsense
