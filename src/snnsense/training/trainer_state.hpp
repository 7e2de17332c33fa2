#pragma once
// A run in progress once every callback has seen iteration t and before the step from t: what a
// checkpoint saves (training/checkpoint_writer.hpp) and a resumed train() restores before its
// loop, so that the continuation computes bit for bit what the uninterrupted run computes.
//   - t, the seconds spent so far (timings go on from them) and the initial loss (the divergence
//     guard's reference);
//   - the parameters at t and the loss, gradient and estimate there: the step from t, and the
//     iterate reported should t + 1 diverge;
//   - the optimizer's moments and step count; the tape's warm-start state (Model::save_tape:
//     the previous singular vectors the next decompositions start from);
//   - every callback's state (the trace so far, the loss history, the best held-out iterate).
// Not saved, because it follows from t: the step size (the schedule is a function of t) and the
// minibatch order (the sampler replays its t + 1 seeded draws, BatchSampler::skip).
#include <span>

#include "snnsense/models/model.hpp"
#include "snnsense/training/callback.hpp"
#include "snnsense/training/loss_evaluation.hpp"
#include "snnsense/training/optimizer.hpp"

namespace snnsense {

struct TrainerState {
  const Model& model;
  Model::Tape& tape;
  Vector& params;
  LossEvaluation& current;
  Optimizer& optimizer;
  std::span<Callback* const> callbacks;  // all of the run's, in their order

  // The run at `at` (its iteration, elapsed seconds and initial loss).
  void save(const IterationState& at, StateWriter& out) const;

  struct Restored {
    Index iteration = 0;
    double elapsed_seconds = 0.0;
    double initial_loss = 0.0;
  };
  // Refills the referenced objects from `in`; FileError (through `in`) when the state does not
  // belong to this model, these callbacks or a run of `iterations` steps.
  Restored restore(StateReader& in, Index iterations);
};

}  // namespace snnsense
