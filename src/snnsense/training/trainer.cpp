#include "snnsense/training/trainer.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <numeric>

#include "snnsense/core/error.hpp"
#include "snnsense/diagnostics/reconstruction_metrics.hpp"
#include "snnsense/training/held_out_early_stop.hpp"
#include "snnsense/training/loss_evaluation.hpp"
#include "snnsense/training/loss_trend.hpp"
#include "snnsense/training/optimizer.hpp"
#include "snnsense/training/step_schedule.hpp"
#include "snnsense/training/stop_rules.hpp"

namespace snnsense {

namespace {

// Seeded minibatches: each epoch visits the training measurements in a fresh random order.
class BatchSampler {
 public:
  BatchSampler(const OperatorPtr& full, const Vector& y, Index batch_size, std::uint64_t seed)
      : full_(full), y_(y), batch_(batch_size), rng_(seed), order_(full->measurements()) {
    std::iota(order_.begin(), order_.end(), Index{0});
    cursor_ = order_.size();
  }

  bool full_batch() const { return batch_ == 0 || batch_ >= static_cast<std::size_t>(full_->measurements()); }

  void next(OperatorPtr& op, Vector& y) {
    if (full_batch()) {
      op = full_;
      y = y_;
      return;
    }
    if (cursor_ + batch_ > order_.size()) {
      for (std::size_t i = order_.size(); i > 1; --i) std::swap(order_[i - 1], order_[rng_.below(i)]);
      cursor_ = 0;
    }
    const std::span<const Index> picked(order_.data() + cursor_, batch_);
    cursor_ += batch_;
    op = full_->subset(picked);
    y.resize(batch_);
    for (std::size_t i = 0; i < batch_; ++i) y(static_cast<Index>(i)) = y_(picked[i]);
  }

 private:
  OperatorPtr full_;
  const Vector& y_;
  std::size_t batch_;
  Rng rng_;
  std::vector<Index> order_;
  std::size_t cursor_;
};

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
                  const std::vector<Callback*>& callbacks) {
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
  const auto start = std::chrono::steady_clock::now();
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

  for (Index t = 0;; ++t) {
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

    last_good_params = params;
    std::swap(last_good, current);  // current's buffers are refilled by the next evaluation
    have_good = true;
    optimizer.step(params, last_good.gradient, state.step_size);
  }
}

}  // namespace snnsense
