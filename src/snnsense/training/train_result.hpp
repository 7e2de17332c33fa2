#pragma once
#include <optional>
#include <string>

#include "snnsense/training/callback.hpp"
#include "snnsense/training/loss_trend.hpp"

namespace snnsense {

struct TrainResult {
  StopReason reason = StopReason::max_iterations;
  Index iterations = 0;   // steps taken
  // The reported iterate: final, the last finite one after divergence, or with early stopping
  // the best on the held-out measurements.
  Vector params;
  EstimatePtr estimate;   // model(params); null if not even the initial point was finite
  double initial_loss = 0.0;
  double final_loss = 0.0;  // full training loss at params
  double gradient_norm = 0.0;
  // Whether the loss was still going down at the end; an oscillating or stalled run is not converged.
  LossTrend trend = LossTrend::decreasing;
  // With early stopping: the iteration of the reported (best held-out) iterate.
  std::optional<Index> best_iteration;
  double seconds = 0.0;                // the whole run, final evaluation included
  double seconds_per_iteration = 0.0;  // per completed iteration (evaluation and update)

  bool finished() const { return reason != StopReason::diverged && reason != StopReason::interrupted; }
  // One line: why it stopped, iterations, losses, time per iteration, and the trend when it is not
  // decreasing.
  std::string brief_report() const;

  // Every field (timings too), for a checkpoint: a finished search candidate is not run again.
  void save(StateWriter& out) const;
  static TrainResult restore(StateReader& in);
};

}  // namespace snnsense
