#include "snnsense/training/training_job.hpp"

#include <cmath>
#include <cstdio>
#include <cstring>

#include "snnsense/core/enum_names.hpp"
#include "snnsense/core/error.hpp"
#include "snnsense/problems/signal_to_noise.hpp"
#include "snnsense/training/stop_rules.hpp"
#include "snnsense/training/trace_recorder.hpp"
#include "snnsense/training/training_memory.hpp"

namespace snnsense {

namespace {

nlohmann::json finite_or_null(double v) { return std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(nullptr); }

// The value at `key`, or `fallback` when the key is absent; FileError-free: a wrong type is an
// InputError naming the key, since the JSON may come from a user's file.
template <class T>
T value_at(const nlohmann::json& json, const char* key, T fallback) {
  if (!json.contains(key) || json[key].is_null()) return fallback;
  try {
    return json[key].get<T>();
  } catch (const nlohmann::json::exception&) {
    throw InputError(std::string(key) + ": unexpected value " + json[key].dump());
  }
}

// FileError naming the checkpoint unless it stopped a run of this job, on this problem, from this start.
void check_resumable(const Checkpoint& c, const Problem& problem, const TrainingJob& job, const PreparedTraining& prepared) {
  auto refuse = [&c](const std::string& fault) { throw FileError(c.source + ": " + fault); };
  if (c.job != job.to_json()) refuse("was written for another job (its options differ from these)");
  if (c.problem_fingerprint != problem_fingerprint(problem))
    refuse("was written for other measurements than the problem's (the problem changed since)");
  if (c.initial.size() != prepared.initial.size() ||
      (c.initial.size() > 0 && std::memcmp(c.initial.data(), prepared.initial.data(),
                                           sizeof(double) * static_cast<std::size_t>(c.initial.size())) != 0))
    refuse("was written for a run from another start");
  if (c.search.has_value() != job.search_step_size)
    refuse(job.search_step_size ? "holds no step-size search, and the job searches"
                                : "holds a step-size search, and the job has a fixed step size");
}

}  // namespace

void TrainingJob::validate() const {
  train.validate();
  if (search_step_size) search.validate();
  if (trace_every < 0) throw InputError("--trace-every: must be non-negative (0 for iters/100)");
}

Index TrainingJob::resolved_trace_every() const {
  return trace_every > 0 ? trace_every : default_trace_every(train.iterations);
}

nlohmann::json TrainingJob::to_json() const {
  const TrainOptions& t = train;
  nlohmann::json json = {{"model", model},
                         {"lr", t.lr},
                         {"lr_search", search_step_size},
                         {"iters", t.iterations},
                         {"schedule", to_string(t.schedule)},
                         {"decay-every", t.decay_every},
                         {"decay-factor", t.decay_factor},
                         {"optimizer", to_string(t.optimizer)},
                         {"momentum", to_string(t.momentum)},
                         {"momentum-coefficient", t.momentum_coefficient},
                         {"adam-beta1", t.adam_beta1},
                         {"adam-beta2", t.adam_beta2},
                         {"adam-eps", t.adam_epsilon},
                         {"batch-size", t.batch_size},
                         {"loss-tol", t.loss_tolerance},
                         {"grad-tol", t.gradient_tolerance},
                         {"divergence-factor", t.divergence_factor},
                         {"early-stopping", t.early_stopping_patience},
                         {"early-stopping-every", t.early_stopping_every},
                         {"trace-every", trace_every},
                         {"seed", init_seed},
                         {"minibatch-seed", t.seed}};
  json.update(extra_config);
  return json;
}

TrainingJob TrainingJob::from_json(const nlohmann::json& json) {
  if (!json.is_object()) throw InputError("a training job is a JSON object, got " + json.dump());
  TrainingJob job;
  TrainOptions& t = job.train;
  job.model = value_at(json, "model", job.model);
  t.lr = value_at(json, "lr", t.lr);
  job.search_step_size = value_at(json, "lr_search", job.search_step_size);
  t.iterations = value_at(json, "iters", t.iterations);
  t.schedule = schedule_from_string(value_at(json, "schedule", to_string(t.schedule)));
  t.decay_every = value_at(json, "decay-every", t.decay_every);
  t.decay_factor = value_at(json, "decay-factor", t.decay_factor);
  t.optimizer = optimizer_from_string(value_at(json, "optimizer", to_string(t.optimizer)));
  t.momentum = momentum_from_string(value_at(json, "momentum", to_string(t.momentum)));
  t.momentum_coefficient = value_at(json, "momentum-coefficient", t.momentum_coefficient);
  t.adam_beta1 = value_at(json, "adam-beta1", t.adam_beta1);
  t.adam_beta2 = value_at(json, "adam-beta2", t.adam_beta2);
  t.adam_epsilon = value_at(json, "adam-eps", t.adam_epsilon);
  t.batch_size = value_at(json, "batch-size", t.batch_size);
  t.loss_tolerance = value_at(json, "loss-tol", t.loss_tolerance);
  t.gradient_tolerance = value_at(json, "grad-tol", t.gradient_tolerance);
  t.divergence_factor = value_at(json, "divergence-factor", t.divergence_factor);
  t.early_stopping_patience = value_at(json, "early-stopping", t.early_stopping_patience);
  t.early_stopping_every = value_at(json, "early-stopping-every", t.early_stopping_every);
  job.trace_every = value_at(json, "trace-every", job.trace_every);
  job.init_seed = value_at(json, "seed", job.init_seed);
  t.seed = value_at(json, "minibatch-seed", t.seed);
  for (const auto& [key, value] : json.items())
    if (!TrainingJob{}.to_json().contains(key)) job.extra_config[key] = value;
  job.settings = settings_from_json(job.model, json);
  return job;
}

void TrainingJob::record_settings(const std::vector<std::string>& keys) {
  const nlohmann::json all = settings_json(model, settings);
  if (keys.empty()) extra_config.update(all);
  for (const std::string& key : keys) extra_config[key] = all.at(key);
}

nlohmann::json settings_json(const std::string& model, const ModelSettings& s) {
  const bool df = model == "df", bm = model == "bm" || model == "bm-psd";
  const double init_scale = df ? s.df.init_scale : bm ? s.bm.init_scale : model == "lg" ? s.lg.init_scale
                                                                                       : s.snn.init_scale;
  return {{"layers", s.snn.layers},
          {"activation", s.snn.activation.name()},
          {"activation-scale", s.snn.activation.scale()},
          {"init", df ? to_string(s.df.init) : bm ? to_string(s.bm.init) : to_string(s.snn.init)},
          {"init-eps", s.snn.identity_eps},
          {"init-scale", init_scale},
          {"rank", bm ? s.bm.rank : s.snn.rank},
          {"depth", s.df.depth},
          {"width", s.df.width},
          {"threads", s.snn.threads},
          {"svd", to_string(s.snn.warm_start_svd ? SvdMethod::warm : SvdMethod::lapack)},
          {"representation", to_string(bm ? s.bm.representation : s.snn.representation)}};
}

ModelSettings settings_from_json(const std::string& model, const nlohmann::json& json) {
  ModelSettings s;
  auto named = [&json](const char* key, auto fallback) {
    const std::string name = value_at(json, key, std::string(to_string(fallback)));
    return enum_from_string<decltype(fallback)>(name, std::string(key) + ": unknown name");
  };
  s.snn.layers = value_at(json, "layers", s.snn.layers);
  try {
    s.snn.activation = Activation::from_name(value_at(json, "activation", s.snn.activation.name()),
                                             value_at(json, "activation-scale", s.snn.activation.scale()));
  } catch (const InputError& e) {
    throw InputError(std::string("activation: ") + e.what());
  }
  // "init" is the initialisation of the model's own kind, as --init is.
  if (model == "df")
    s.df.init = named("init", s.df.init);
  else if (model == "bm" || model == "bm-psd")
    s.bm.init = named("init", s.bm.init);
  else
    s.snn.init = named("init", s.snn.init);
  s.snn.identity_eps = value_at(json, "init-eps", s.snn.identity_eps);
  if (json.contains("init-scale") && !json["init-scale"].is_null())
    s.snn.init_scale = s.bm.init_scale = s.df.init_scale = s.lg.init_scale = value_at(json, "init-scale", 0.0);
  // rank and representation are both the SNN's and Burer-Monteiro's, as --rank and --representation are.
  s.snn.rank = value_at(json, "rank", s.snn.rank);
  s.bm.rank = value_at(json, "rank", s.bm.rank);
  s.df.depth = value_at(json, "depth", s.df.depth);
  s.df.width = value_at(json, "width", s.df.width);
  s.snn.threads = value_at(json, "threads", s.snn.threads);
  s.snn.warm_start_svd = named("svd", s.snn.warm_start_svd ? SvdMethod::warm : SvdMethod::lapack) == SvdMethod::warm;
  s.snn.representation = named("representation", s.snn.representation);
  s.bm.representation = named("representation", s.bm.representation);
  return s;
}

PreparedTraining prepare_training(const Problem& problem, const TrainingJob& job, ModelPtr model) {
  job.validate();
  // The loss at X = 0 is ||y||^2 / (2m): measurements beyond about 1e154 have squares that are not
  // doubles, and every step would be refused as divergence.
  if (!std::isfinite(problem.train_y.squaredNorm())) {
    char largest[32];
    std::snprintf(largest, sizeof largest, "%.3g", problem.train_y.lpNorm<Eigen::Infinity>());
    throw InputError(std::string("the training measurements reach ") + largest +
                     ": their squares overflow the loss; divide the data by a constant (up to about 1e150 trains)");
  }
  PreparedTraining prepared;
  prepared.model = model ? std::move(model) : make_model(job.model, problem.n1, problem.n2, job.settings, problem.basis);
  // A model's constructor holds only its shape; the parameters drawn next are its first allocation.
  check_training_memory(problem, job, *prepared.model);
  if (job.initial) {
    prepared.initial = *job.initial;
    if (prepared.initial.size() != prepared.model->parameter_count())
      throw InputError("initial parameters: expected " + std::to_string(prepared.model->parameter_count()) +
                       " values, got " + std::to_string(prepared.initial.size()));
  } else {
    Rng rng(job.init_seed);
    prepared.initial = prepared.model->initial_parameters(rng);
  }
  return prepared;
}

TrainingOutcome run_training_job(const Problem& problem, const TrainingJob& job, const PreparedTraining& prepared,
                                 const std::vector<Callback*>& callbacks, const CheckpointOptions& checkpoint,
                                 const Checkpoint* resume) {
  job.validate();
  const Model& model = *prepared.model;
  const Index every = job.resolved_trace_every();

  std::vector<Callback*> all = callbacks;
  std::optional<CheckpointWriter> writer;
  // Computed whether or not this process writes checkpoints: for a problem held in parts it is a
  // sum over the processes, and only rank 0 writes.
  const std::uint64_t fingerprint = problem_fingerprint(problem);
  if (!checkpoint.file.empty()) {
    Checkpoint header;
    header.job = job.to_json();
    header.caller = checkpoint.caller;
    header.problem_fingerprint = fingerprint;
    header.initial = prepared.initial;
    writer.emplace(checkpoint, std::move(header));
  }
  // Without a file the interruption still stops the run, from the writer's place: the processes
  // of a distributed run (only rank 0 writes) keep callback lists of one shape, as a checkpoint's
  // callback states need on every process that resumes from it.
  std::optional<InterruptStop> interrupt_only;
  if (!writer && checkpoint.interrupt) interrupt_only.emplace(*checkpoint.interrupt);
  Callback* last = writer ? static_cast<Callback*>(&*writer) : interrupt_only ? &*interrupt_only : nullptr;
  std::optional<StateReader> resumed_run;
  if (resume) {
    check_resumable(*resume, problem, job, prepared);
    resumed_run.emplace(resume->run, resume->source);
  }

  TrainingOutcome outcome;
  if (job.search_step_size) {
    if (last) all.push_back(last);
    std::optional<SearchResumption> resumption;
    if (resume) resumption = SearchResumption{*resume->search, &*resumed_run};
    StepSizeSearchResult found =
        search_step_size(model, problem, job.train, prepared.initial, job.search, every, all,
                         writer ? &*writer : nullptr, resumption ? &*resumption : nullptr);
    outcome.search = static_cast<const StepSizeSearchReport&>(found);
    outcome.any_finished = found.best.has_value();
    outcome.chosen_lr = found.step_size();
    outcome.result = std::move(found.run);
    if (!found.best && outcome.result.reason != StopReason::interrupted) {
      // Every candidate diverged: nothing trustworthy to report as a reconstruction.
      outcome.result.reason = StopReason::diverged;
      outcome.result.estimate.reset();
      outcome.result.params = Vector();
    }
    outcome.files.trace = std::move(found.trace);
  } else {
    TraceRecorder recorder(problem, every);
    all.push_back(&recorder);
    if (last) all.push_back(last);
    outcome.result = train(model, problem, job.train, prepared.initial, all, resumed_run ? &*resumed_run : nullptr);
    outcome.files.trace = recorder.take();
    outcome.chosen_lr = job.train.lr;
  }
  outcome.lr = outcome.chosen_lr.value_or(job.train.lr);
  if (resumed_run) resumed_run->expect_end();

  const TrainResult& r = outcome.result;
  const bool has_x = r.estimate != nullptr;
  if (has_x) outcome.final = evaluate(problem, *r.estimate);
  TrainingJob recorded = job;
  recorded.train.lr = outcome.lr;
  recorded.trace_every = every;
  outcome.files.config = {{"version", SNNSENSE_VERSION}, {"parameter_count", model.parameter_count()}};
  outcome.files.config.update(recorded.to_json());
  outcome.files.estimate = r.estimate;
  if (has_x) outcome.files.params = r.params;
  outcome.files.summary = {{"status", to_string(r.reason)},
                           {"model", model.name()},
                           {"iterations", r.iterations},
                           {"lr", outcome.lr},
                           {"initial_loss", finite_or_null(r.initial_loss)},
                           {"final_loss", has_x ? finite_or_null(r.final_loss) : nlohmann::json(nullptr)},
                           {"gradient_norm", has_x ? finite_or_null(r.gradient_norm) : nlohmann::json(nullptr)},
                           {"seconds", r.seconds},
                           {"seconds_per_iteration", r.seconds_per_iteration},
                           {"loss_trend", to_string(r.trend)},
                           {"best_iteration", r.best_iteration ? nlohmann::json(*r.best_iteration) : nullptr},
                           {"snr_db", signal_to_noise_json(problem)},
                           {"step_size_search", outcome.search ? outcome.search->to_json() : nlohmann::json(nullptr)},
                           {"final", outcome.final ? outcome.final->to_json() : nlohmann::json(nullptr)}};
  return outcome;
}

TrainingOutcome run_training_job(const Problem& problem, const TrainingJob& job,
                                 const std::vector<Callback*>& callbacks) {
  return run_training_job(problem, job, prepare_training(problem, job), callbacks);
}

}  // namespace snnsense
