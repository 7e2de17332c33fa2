#pragma once
// Minimises the sensing loss 1/(2m) ||A(model(theta)) - y||^2 on the training measurements by
// (minibatch) gradient descent. One loop for every model; everything else is a callback.
#include <vector>

#include "snnsense/models/model.hpp"
#include "snnsense/problems/problem.hpp"
#include "snnsense/training/callback.hpp"
#include "snnsense/training/train_options.hpp"
#include "snnsense/training/train_result.hpp"

namespace snnsense {

// Runs from `initial` with the given callbacks. The divergence guard and the tolerance stop of
// `options` are always added; pass progress, traces, interruption or checkpoints as `callbacks`.
// With `resume` (a checkpoint's run state, training/trainer_state.hpp), continues that run instead:
// the same model, problem, options and callbacks give bit for bit the uninterrupted run's result.
TrainResult train(const Model& model, const Problem& problem, const TrainOptions& options, const Vector& initial,
                  const std::vector<Callback*>& callbacks = {}, StateReader* resume = nullptr);

}  // namespace snnsense
