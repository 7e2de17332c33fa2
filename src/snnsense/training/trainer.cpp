#include "snnsense/training/trainer.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>

#include "snnsense/core/error.hpp"
#include "snnsense/diagnostics/reconstruction_metrics.hpp"
#include "snnsense/training/batch_sampler.hpp"
#include "snnsense/training/held_out_early_stop.hpp"
#include "snnsense/training/loss_evaluation.hpp"
#include "snnsense/training/loss_trend.hpp"
#include "snnsense/training/optimizer.hpp"
#include "snnsense/training/step_schedule.hpp"
#include "snnsense/training/stop_rules.hpp"
#include "snnsense/training/trainer_state.hpp"

namespace snnsense {

namespace {

// Early stopping reports the best iterate on the held-out measurements rather than the last
// (the callbacks' on_end saw the last: the trace ends where the run did).
void report_best_held_out(const Model& model, Model::Tape& tape, const Problem& problem,
                          const HeldOutEarlyStop::Best& best, TrainResult& result) {
  result.best_iteration = best.iteration;
  if (best.iteration == result.iterations && result.estimate) return;
  LossEvaluation at_best;
  evaluate_loss(model, tape, best.params, *problem.train_operator, problem.train_y, at_best);
  result.params = best.params;
  result.estimate = at_best.estimate;
  result.final_loss = sensing_loss(*problem.train_operator, problem.train_y, *at_best.estimate);
  result.gradient_norm = at_best.gradient.norm();
}

}  // namespace

TrainResult train(const Model& model, const Problem& problem, const TrainOptions& options, const Vector& initial,
                  const std::vector<Callback*>& callbacks, StateReader* resume) {
  options.validate();
  if (initial.size() != model.parameter_count())
    throw InputError("initial parameters: expected " + std::to_string(model.parameter_count()) + " values, got " +
                     std::to_string(initial.size()));
  if (model.rows() != problem.n1 || model.cols() != problem.n2)
    throw InputError("model shape does not match the problem's " + std::to_string(problem.n1) + " x " +
                     std::to_string(problem.n2));

  DivergenceGuard guard(options.divergence_factor);
  EarlyStop early_stop(options.loss_tolerance, options.gradient_tolerance);
  LossTrendMonitor trend;
  std::vector<Callback*> all{&guard, &early_stop, &trend};
  std::optional<HeldOutEarlyStop> held_out;
  if (options.early_stopping_patience > 0) {
    if (problem.test_count() == 0)
      throw InputError("--early-stopping: the problem has no held-out measurements to stop on");
    held_out.emplace(*problem.test_operator, problem.test_y, options.early_stopping_every,
                     options.early_stopping_patience);
    all.push_back(&*held_out);
  }
  all.insert(all.end(), callbacks.begin(), callbacks.end());

  BatchSampler sampler(problem.train_operator, problem.train_y, options.batch_size, options.seed);
  Optimizer optimizer(options);
  auto tape = model.make_tape();
  auto start = std::chrono::steady_clock::now();
  auto elapsed = [&start] { return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(); };

  Vector params = initial;
  LossEvaluation current, last_good;
  Vector last_good_params;
  IterationState state;
  state.max_iterations = options.iterations;
  OperatorPtr batch_op;
  Vector batch_y;
  TrainResult result;
  bool have_good = false;
  TrainerState run{model, *tape, params, current, optimizer, all};
  state.run = &run;
  // The step from t, after every callback has seen t.
  auto take_step = [&](Index t) {
    last_good_params = params;
    std::swap(last_good, current);  // current's buffers are refilled by the next evaluation
    have_good = true;
    optimizer.step(params, last_good.gradient, step_size_at(options, t));
  };

  Index first = 0;
  if (resume) {
    // The checkpoint holds the run as it stood before its step from iteration t.
    const TrainerState::Restored at = run.restore(*resume, options.iterations);
    start -= std::chrono::duration_cast<std::chrono::steady_clock::duration>(
        std::chrono::duration<double>(at.elapsed_seconds));
    state.initial_loss = result.initial_loss = at.initial_loss;
    sampler.skip(at.iteration + 1);
    take_step(at.iteration);
    first = at.iteration + 1;
  }

  for (Index t = first;; ++t) {
    const double before_evaluation = elapsed();
    // The last evaluation uses every training measurement, so the reported loss is the full one.
    const bool last = t == options.iterations;
    if (last)
      evaluate_loss(model, *tape, params, *problem.train_operator, problem.train_y, current);
    else {
      sampler.next(batch_op, batch_y);
      evaluate_loss(model, *tape, params, *batch_op, batch_y, current);
    }
    state.iteration = t;
    state.step_size = step_size_at(options, t);
    state.loss = current.finite ? current.loss : std::numeric_limits<double>::quiet_NaN();
    state.gradient_norm = current.finite ? current.gradient.norm() : std::numeric_limits<double>::quiet_NaN();
    if (t == 0) {
      state.initial_loss = state.loss;
      result.initial_loss = state.loss;
    }
    state.elapsed_seconds = elapsed();
    state.params = &params;
    state.estimate = current.estimate.get();
    if (t == 0)
      for (Callback* c : all) c->on_begin(state);

    std::optional<StopReason> stop;
    if (last)
      stop = current.finite ? StopReason::max_iterations : StopReason::diverged;
    else
      for (Callback* c : all)
        if (!stop) stop = c->on_iteration(state);

    if (stop) {
      result.reason = *stop;
      result.iterations = t;
      if (*stop == StopReason::diverged) {
        // Report the last finite iterate; never hand NaN to the caller as a result.
        if (have_good) {
          params = last_good_params;
          current = last_good;
          state.iteration = t - 1;
          state.loss = current.loss;
          state.gradient_norm = current.gradient.norm();
        } else {
          current.estimate.reset();
        }
      }
      state.params = &params;
      state.estimate = current.estimate.get();
      result.params = params;
      result.estimate = current.estimate;
      result.final_loss =
          current.estimate ? sensing_loss(*problem.train_operator, problem.train_y, *current.estimate) : state.loss;
      result.gradient_norm = state.gradient_norm;
      result.seconds = elapsed();
      // Per completed iteration (an evaluation and its update): the evaluation that reports the
      // final loss or found the reason to stop took no step, so the time before it over the t
      // steps taken is the cost of one step.
      result.seconds_per_iteration = t > 0 ? before_evaluation / static_cast<double>(t) : 0.0;
      for (Callback* c : all) c->on_end(state, *stop);
      result.trend = trend.trend();
      if (held_out && held_out->best()) report_best_held_out(model, *tape, problem, *held_out->best(), result);
      return result;
    }

    take_step(t);
  }
}

}  // namespace snnsense
