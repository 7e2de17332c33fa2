#include "snnsense/training/training_job.hpp"

#include <cmath>

#include "snnsense/core/error.hpp"
#include "snnsense/diagnostics/run_metrics.hpp"
#include "snnsense/problems/signal_to_noise.hpp"
#include "snnsense/training/trace_recorder.hpp"

namespace snnsense {

namespace {

nlohmann::json finite_or_null(double v) { return std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(nullptr); }

nlohmann::json job_config(const TrainingJob& job, const Model& model, double lr, Index every) {
  const TrainOptions& t = job.train;
  nlohmann::json config = {{"version", SNNSENSE_VERSION},
                           {"model", job.model},
                           {"parameter_count", model.parameter_count()},
                           {"lr", lr},
                           {"lr_search", job.search_step_size},
                           {"iters", t.iterations},
                           {"schedule", to_string(t.schedule)},
                           {"decay-every", t.decay_every},
                           {"decay-factor", t.decay_factor},
                           {"momentum", to_string(t.momentum)},
                           {"momentum-coefficient", t.momentum_coefficient},
                           {"batch-size", t.batch_size},
                           {"loss-tol", t.loss_tolerance},
                           {"grad-tol", t.gradient_tolerance},
                           {"divergence-factor", t.divergence_factor},
                           {"trace-every", every},
                           {"seed", job.init_seed},
                           {"minibatch-seed", t.seed}};
  config.update(job.extra_config);
  return config;
}

}  // namespace

TrainingOutcome run_training_job(const Problem& problem, const TrainingJob& job, const std::vector<Callback*>& callbacks) {
  job.train.validate();
  if (job.search_step_size) job.search.validate();
  const ModelPtr model = make_model(job.model, problem.n1, problem.n2, job.settings, problem.basis);
  Vector initial;
  if (job.initial) {
    initial = *job.initial;
    if (initial.size() != model->parameter_count())
      throw InputError("initial parameters hold " + std::to_string(initial.size()) + " values, the model has " +
                       std::to_string(model->parameter_count()));
  } else {
    Rng rng(job.init_seed);
    initial = model->initial_parameters(rng);
  }
  const Index every = job.trace_every > 0 ? job.trace_every : default_trace_every(job.train.iterations);

  TrainingOutcome outcome;
  outcome.lr = job.train.lr;
  nlohmann::json search_json = nullptr;
  if (job.search_step_size) {
    StepSizeSearchResult found = search_step_size(*model, problem, job.train, initial, job.search, every, callbacks);
    search_json = found.to_json();
    outcome.any_finished = found.best.has_value();
    // The reported step size is the one of the returned run: the winner's, or the candidate that
    // was running when the search was interrupted.
    if (found.run.reason == StopReason::interrupted)
      outcome.lr = found.candidates.back().lr;
    else if (found.best)
      outcome.lr = found.candidates[*found.best].lr;
    outcome.result = std::move(found.run);
    if (!found.best && outcome.result.reason != StopReason::interrupted) {
      // Every candidate diverged: nothing trustworthy to report as a reconstruction.
      outcome.result.reason = StopReason::diverged;
      outcome.result.X = Matrix();
      outcome.result.params = Vector();
    }
    outcome.files.trace = std::move(found.trace);
  } else {
    TraceRecorder recorder(problem, every);
    std::vector<Callback*> all = callbacks;
    all.push_back(&recorder);
    outcome.result = train(*model, problem, job.train, initial, all);
    outcome.files.trace = recorder.take();
  }

  const TrainResult& r = outcome.result;
  outcome.files.config = job_config(job, *model, outcome.lr, every);
  outcome.files.X = r.X;
  if (r.X.size() > 0) outcome.files.params = r.params;
  outcome.files.summary = {{"status", to_string(r.reason)},
                           {"model", model->name()},
                           {"iterations", r.iterations},
                           {"lr", outcome.lr},
                           {"initial_loss", finite_or_null(r.initial_loss)},
                           {"final_loss", r.X.size() ? finite_or_null(r.final_loss) : nlohmann::json(nullptr)},
                           {"gradient_norm", r.X.size() ? finite_or_null(r.gradient_norm) : nlohmann::json(nullptr)},
                           {"seconds", r.seconds},
                           {"seconds_per_iteration", r.seconds_per_iteration},
                           {"loss_trend", to_string(r.trend)},
                           {"snr_db", signal_to_noise_json(problem)},
                           {"step_size_search", search_json},
                           {"final", r.X.size() ? evaluate(problem, r.X).to_json() : nlohmann::json(nullptr)}};
  return outcome;
}

}  // namespace snnsense
