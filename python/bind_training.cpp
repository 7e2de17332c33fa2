// train(): the CLI's `train` as a function, with the GIL released while C++ iterates.
#include <chrono>
#include <cmath>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "bindings.hpp"
#include "snnsense/core/error.hpp"
#include "snnsense/linalg/blas.hpp"
#include "snnsense/training/training_job.hpp"

namespace snnsense::python {

namespace {

using Clock = std::chrono::steady_clock;

// Runs on the training thread without the GIL and takes it only when there is Python work: the
// user's callback every `every` iterations, and a look for Ctrl-C every 50 ms. Python's own SIGINT
// handler stays installed (so a custom handler or SIG_IGN is respected): it only marks the signal,
// and PyErr_CheckSignals runs the Python-level handler, which raises KeyboardInterrupt by default.
class PythonHooks final : public Callback {
 public:
  PythonHooks(py::object callback, Index every)
      : callback_(std::move(callback)), has_callback_(!callback_.is_none()), every_(every) {}

  std::optional<StopReason> on_iteration(const IterationState& state) override {
    const bool call = has_callback_ && state.iteration % every_ == 0;
    const Clock::time_point now = Clock::now();
    const bool look = now >= next_look_;
    if (!call && !look) return std::nullopt;
    py::gil_scoped_acquire gil;
    try {
      if (look) {
        next_look_ = now + std::chrono::milliseconds(50);
        if (PyErr_CheckSignals() != 0) throw py::error_already_set();
      }
      if (call && PyObject_IsTrue(callback_(state_dict(state)).ptr()) == 1) return StopReason::interrupted;
    } catch (py::error_already_set& error) {
      // Ctrl-C is the one exception that ends the run as planned: the result says "interrupted".
      // Anything else (a bug in the callback) stops the run and is raised once train() returns.
      if (!error.matches(PyExc_KeyboardInterrupt)) error_ = std::move(error);
      return StopReason::interrupted;
    }
    return std::nullopt;
  }

  // With the GIL, after training.
  void raise_pending() {
    if (error_) throw std::move(*error_);
  }

 private:
  static py::dict state_dict(const IterationState& state) {
    py::dict d;
    d["iteration"] = state.iteration;
    d["max_iterations"] = state.max_iterations;
    d["step_size"] = state.step_size;
    d["loss"] = state.loss;
    d["initial_loss"] = state.initial_loss;
    d["gradient_norm"] = state.gradient_norm;
    d["seconds"] = state.elapsed_seconds;
    // X for a dense estimate; None for one too large to hand over densely (a factored one).
    if (const Matrix* X = state.estimate ? state.estimate->dense_form() : nullptr)
      d["X"] = *X;
    else
      d["X"] = py::none();
    d["params"] = *state.params;
    return d;
  }

  py::object callback_;
  bool has_callback_;
  Index every_;
  Clock::time_point next_look_ = Clock::now();
  std::optional<py::error_already_set> error_;
};

struct PyTrainResult {
  TrainResult run;
  Trace trace;
  std::optional<double> lr;  // the step size used; none when a search found none that finished
  nlohmann::json search = nullptr;
  std::optional<RunMetrics> final;
  std::shared_ptr<ModelSpec> model;
};

// The trace as columns named like trace.csv's; quantities that do not apply are NaN.
py::dict trace_columns(const Trace& trace) {
  const Index n = static_cast<Index>(trace.rows.size());
  constexpr double none = std::numeric_limits<double>::quiet_NaN();
  Eigen::Matrix<std::int64_t, Eigen::Dynamic, 1> iteration(n), rank(n);
  Vector seconds(n), step(n), train(n), test(n), error(n), psnr(n), offdiag(n), nuclear(n), effective(n), smax(n),
      smin(n), grad(n), train_rmse(n), test_rmse(n), train_mae(n), test_mae(n);
  const Index k = n ? trace.rows.front().metrics.spectrum.singular_values.size() : 0;
  RowMatrix singular(n, k);
  for (Index i = 0; i < n; ++i) {
    const TraceRow& r = trace.rows[static_cast<std::size_t>(i)];
    const RunMetrics& m = r.metrics;
    const Vector& s = m.spectrum.singular_values;
    iteration(i) = r.iteration;
    seconds(i) = r.seconds;
    step(i) = r.step_size;
    train(i) = m.train_loss;
    test(i) = m.test_loss.value_or(none);
    error(i) = m.relative_error.value_or(none);
    psnr(i) = m.psnr.value_or(none);
    offdiag(i) = m.off_diagonal_mass.value_or(none);
    nuclear(i) = m.spectrum.nuclear_norm;
    effective(i) = m.spectrum.effective_rank;
    rank(i) = m.spectrum.rank;
    smax(i) = s.size() ? s(0) : 0.0;
    smin(i) = s.size() ? s(s.size() - 1) : 0.0;
    grad(i) = r.gradient_norm;
    train_rmse(i) = m.train_rmse.value_or(none);
    test_rmse(i) = m.test_rmse.value_or(none);
    train_mae(i) = m.train_mae.value_or(none);
    test_mae(i) = m.test_mae.value_or(none);
    if (s.size() == k) singular.row(i) = s.transpose();
  }
  py::dict d;
  d["iteration"] = iteration;
  d["seconds"] = seconds;
  d["step_size"] = step;
  d["train_loss"] = train;
  d["test_loss"] = test;
  d["relative_error"] = error;
  d["psnr"] = psnr;
  d["off_diagonal_mass"] = offdiag;
  d["nuclear_norm"] = nuclear;
  d["effective_rank"] = effective;
  d["rank"] = rank;
  d["sigma_max"] = smax;
  d["sigma_min"] = smin;
  d["gradient_norm"] = grad;
  d["train_rmse"] = train_rmse;
  d["test_rmse"] = test_rmse;
  d["train_mae"] = train_mae;
  d["test_mae"] = test_mae;
  d["singular_values"] = singular;
  return d;
}

// lr is a positive number or "search", as on the command line.
std::optional<double> fixed_step(const py::object& lr) {
  if (py::isinstance<py::str>(lr)) {
    const auto text = lr.cast<std::string>();
    if (text != "search") throw InputError("--lr: expected a positive number or 'search', got '" + text + "'");
    return std::nullopt;
  }
  try {
    return lr.cast<double>();
  } catch (const py::cast_error&) {
    throw InputError("--lr: expected a positive number or 'search', got " + py::repr(lr).cast<std::string>());
  }
}

// The model the job trains: the spec's own, unless threads or svd ask for other settings than
// it was made with; then the same model rebuilt with them (at the bound shape, if any, so that
// a shape mismatch is still reported by the trainer).
ModelPtr job_model(const ModelSpec& spec, const TrainingJob& job, const Problem& problem) {
  const SnnOptions &wanted = job.settings.snn, &made = spec.settings.snn;
  if (wanted.threads == made.threads && wanted.warm_start_svd == made.warm_start_svd) return spec.for_problem(problem);
  const Index n1 = spec.bound ? spec.bound->rows() : problem.n1, n2 = spec.bound ? spec.bound->cols() : problem.n2;
  return make_model(spec.name, n1, n2, job.settings, problem.basis);
}

PyTrainResult run_training(const ModelSpec& spec, const Problem& problem, const TrainingJob& job, Index every,
                           const py::object& callback) {
  job.validate();
  if (every < 0) throw InputError("every: must be non-negative (0 for the trace period)");
  const PreparedTraining prepared = prepare_training(problem, job, job_model(spec, job, problem));
  PythonHooks hooks(callback, every > 0 ? every : job.resolved_trace_every());

  PyTrainResult out;
  {
    py::gil_scoped_release release;
    // As the command line does: `threads` sizes the only pool of threads, and results do not depend
    // on the BLAS's thread count (the machine's). The library's setting is restored afterwards.
    const int blas_threads = blas::threads();
    const bool own_threads = blas_threads != 1;
    if (own_threads) blas::set_threads(1);
    TrainingOutcome outcome;
    try {
      outcome = run_training_job(problem, job, prepared, {&hooks});
    } catch (...) {
      if (own_threads) blas::set_threads(blas_threads);
      throw;
    }
    if (own_threads) blas::set_threads(blas_threads);
    out.run = std::move(outcome.result);
    out.trace = outcome.files.trace ? std::move(*outcome.files.trace) : Trace{};
    out.lr = outcome.chosen_lr;
    out.search = outcome.search ? outcome.search->to_json() : nlohmann::json(nullptr);
    out.final = std::move(outcome.final);
  }
  hooks.raise_pending();
  out.model = spec.copy();
  out.model->settings = job.settings;
  out.model->bound = prepared.model;
  return out;
}

std::optional<double> finite(double value) {
  if (std::isfinite(value)) return value;
  return std::nullopt;
}

}  // namespace

void bind_training(py::module_& m) {
  py::class_<PyTrainResult>(m, "TrainResult", "What train() returns; the arrays are numpy copies.")
      .def_property_readonly("status", [](const PyTrainResult& r) { return to_string(r.run.reason); },
                             "max_iterations, loss_tolerance, gradient_tolerance, test_loss_stalled, diverged or "
                             "interrupted.")
      .def_property_readonly(
          "best_iteration", [](const PyTrainResult& r) { return r.run.best_iteration; },
          "With early stopping, the iteration of the reported iterate (the best on the held-out "
          "measurements); otherwise None.")
      .def_property_readonly("finished", [](const PyTrainResult& r) { return r.run.finished(); },
                             "Neither diverged nor interrupted.")
      .def_property_readonly(
          "X",
          [](const PyTrainResult& r) -> py::object {
            if (!r.run.estimate) return py::none();
            return py::cast(r.run.estimate->dense());
          },
          "The reconstruction (the last finite iterate after divergence); None if there is none.")
      .def_property_readonly(
          "params",
          [](const PyTrainResult& r) -> py::object {
            if (!r.run.estimate) return py::none();
            return py::cast(r.run.params);
          },
          "The model parameters of X (flat, as model.value(params) takes them).")
      .def_property_readonly("iterations", [](const PyTrainResult& r) { return r.run.iterations; })
      .def_property_readonly("lr", [](const PyTrainResult& r) { return r.lr; },
                             "The step size used (the winner of a search); None if no candidate finished.")
      .def_property_readonly("initial_loss", [](const PyTrainResult& r) { return finite(r.run.initial_loss); })
      .def_property_readonly("final_loss", [](const PyTrainResult& r) { return finite(r.run.final_loss); },
                             "The full training loss at X.")
      .def_property_readonly("gradient_norm", [](const PyTrainResult& r) { return finite(r.run.gradient_norm); })
      .def_property_readonly("seconds", [](const PyTrainResult& r) { return r.run.seconds; })
      .def_property_readonly("seconds_per_iteration", [](const PyTrainResult& r) { return r.run.seconds_per_iteration; })
      .def_property_readonly(
          "final",
          [](const PyTrainResult& r) -> py::object {
            if (!r.final) return py::none();
            return metrics_dict(*r.final);
          },
          "evaluate(problem, X): the metrics of summary.json's \"final\", or None without an X.")
      .def_property_readonly("trace", [](const PyTrainResult& r) { return trace_columns(r.trace); },
                             "The sampled history as numpy arrays, keyed like trace.csv's columns (NaN where a\n"
                             "quantity does not apply), plus singular_values (one row per sample).")
      .def_property_readonly(
          "search", [](const PyTrainResult& r) { return to_python(r.search); },
          "For lr='search': {'candidates': [{lr, status, iterations, final_loss, seconds}, ...], 'best_lr'}.")
      .def_property_readonly("model", [](const PyTrainResult& r) { return r.model; },
                             "The model with the problem's shape, so result.model.value(result.params) is X.")
      .def("__repr__", [](const PyTrainResult& r) { return "<snnsense.TrainResult " + r.run.brief_report() + ">"; });

  // Every keyword's default is the one of the options type it fills, as for the command line.
  const TrainOptions train_defaults;
  const StepSizeSearchOptions search_defaults;
  const TrainingJob job_defaults;
  const SnnOptions snn_defaults;
  m.def(
      "train",
      [](const ModelSpec& model, const Problem& problem, const py::object& lr, Index iters, std::uint64_t seed,
         const std::optional<Vector>& params, const py::object& callback, Index every, Index trace_every,
         const std::string& schedule, Index decay_every, double decay_factor, const std::string& momentum,
         double momentum_coefficient, Index batch_size, double loss_tolerance, double gradient_tolerance,
         double divergence_factor, const std::optional<std::vector<double>>& lr_grid, Index search_successes,
         Index search_probe, int threads, const std::string& svd, Index early_stopping, Index early_stopping_every,
         const std::string& optimizer, double adam_beta1, double adam_beta2, double adam_eps, double max_memory) {
        if (!callback.is_none() && !PyCallable_Check(callback.ptr()))
          throw InputError("callback: expected a function of one argument (a dict), got " +
                           py::repr(callback).cast<std::string>());
        TrainingJob job;
        job.model = model.name;
        job.settings = model.settings;
        job.settings.snn.threads = threads;
        job.settings.snn.warm_start_svd = enum_from_string<SvdMethod>(svd, "--svd: unknown method") == SvdMethod::warm;
        const std::optional<double> step = fixed_step(lr);
        job.search_step_size = !step;
        if (step) job.train.lr = *step;
        job.train.iterations = iters;
        job.train.seed = seed;
        job.init_seed = seed;
        job.train.schedule = schedule_from_string(schedule);
        job.train.decay_every = decay_every;
        job.train.decay_factor = decay_factor;
        job.train.momentum = momentum_from_string(momentum);
        job.train.momentum_coefficient = momentum_coefficient;
        job.train.batch_size = batch_size;
        job.train.loss_tolerance = loss_tolerance;
        job.train.gradient_tolerance = gradient_tolerance;
        job.train.divergence_factor = divergence_factor;
        job.train.early_stopping_patience = early_stopping;
        job.train.early_stopping_every = early_stopping_every;
        job.train.optimizer = optimizer_from_string(optimizer);
        job.train.adam_beta1 = adam_beta1;
        job.train.adam_beta2 = adam_beta2;
        job.train.adam_epsilon = adam_eps;
        job.train.max_memory_gb = max_memory;
        if (lr_grid) {
          job.search.grid = *lr_grid;
          job.search.placement = GridPlacement::fixed;  // a grid given is searched as given
        }
        job.search.successes = search_successes;
        job.search.probe_iterations = search_probe;
        job.trace_every = trace_every;
        job.initial = params;
        return run_training(model, problem, job, every, callback);
      },
      py::arg("model"), py::arg("problem"), py::kw_only(), py::arg("lr") = train_defaults.lr,
      py::arg("iters") = train_defaults.iterations, py::arg("seed") = job_defaults.init_seed,
      py::arg("params") = py::none(), py::arg("callback") = py::none(), py::arg("every") = 0,
      py::arg("trace_every") = job_defaults.trace_every, py::arg("schedule") = to_string(train_defaults.schedule),
      py::arg("decay_every") = train_defaults.decay_every, py::arg("decay_factor") = train_defaults.decay_factor,
      py::arg("momentum") = to_string(train_defaults.momentum),
      py::arg("momentum_coefficient") = train_defaults.momentum_coefficient,
      py::arg("batch_size") = train_defaults.batch_size, py::arg("loss_tolerance") = train_defaults.loss_tolerance,
      py::arg("gradient_tolerance") = train_defaults.gradient_tolerance,
      py::arg("divergence_factor") = train_defaults.divergence_factor, py::arg("lr_grid") = py::none(),
      py::arg("search_successes") = search_defaults.successes,
      py::arg("search_probe") = search_defaults.probe_iterations, py::arg("threads") = snn_defaults.threads,
      py::arg("svd") = to_string(snn_defaults.warm_start_svd ? SvdMethod::warm : SvdMethod::lapack),
      py::arg("early_stopping") = train_defaults.early_stopping_patience,
      py::arg("early_stopping_every") = train_defaults.early_stopping_every,
      py::arg("optimizer") = to_string(train_defaults.optimizer), py::arg("adam_beta1") = train_defaults.adam_beta1,
      py::arg("adam_beta2") = train_defaults.adam_beta2, py::arg("adam_eps") = train_defaults.adam_epsilon,
      py::arg("max_memory") = train_defaults.max_memory_gb,
      R"doc(Gradient descent on 1/(2m) ||A(model(params)) - y||^2 over the training measurements, like
`snnsense train` (the same options with the same defaults). The GIL is released while C++ iterates.

lr: a step size, or "search" for the paper's grid search (`--lr search`).
iters: gradient steps (`--iters`).
seed: draws the initial parameters (unless params is given) and the minibatch order (`--seed`).
params: start from these parameters instead of the model's initialisation (`--params-in`).
schedule: "constant", "cosine" or "step"; decay_every, decay_factor: the step schedule's period
    and factor (`--schedule`, `--decay-every`, `--decay-factor`).
optimizer: "gd" (gradient descent) or "adam", both as PyTorch computes them (`--optimizer`);
    adam_beta1, adam_beta2, adam_eps: Adam's moment decays and epsilon (`--adam-beta1`, ...).
momentum: "none", "heavy-ball" or "nesterov", for gd; momentum_coefficient (`--momentum`,
    `--momentum-coefficient`).
batch_size: measurements per step, 0 for full-batch gradient descent (`--batch-size`).
loss_tolerance, gradient_tolerance: stop once the training loss or the gradient norm is at or
    below this; 0 never stops (`--loss-tol`, `--grad-tol`).
divergence_factor: a loss above this times the initial loss counts as divergence
    (`--divergence-factor`).
early_stopping: stop once this many held-out checks in a row have not lowered the test loss, and
    report the best checked iterate (its iteration is best_iteration); 0 is off
    (`--early-stopping`). early_stopping_every: steps between checks (`--early-stopping-every`).
lr_grid: the search's step sizes, searched as given (`--lr-grid`); None places the paper's grid
  ({5, 1} x 10^k) on the problem's loss curvature.
search_successes: the search keeps the best of the first this many candidates that finish
    (`--search-successes`).
search_probe: iterations per search candidate, 0 for the full budget (`--search-probe`).
max_memory: GB the run may take, 0 for the machine's available memory; a run whose estimate is
    larger raises ValueError before anything is allocated (`--max-memory`).
threads: threads for the SNN's per-layer SVDs, the factored SNN's bases and the operators' passes
    over their measurements; the BLAS runs single-threaded during the call. Results do not depend
    on it (`--threads`).
svd: "warm" (Jacobi from the previous step's singular vectors) or "lapack" (dgesdd every step) for
    the SNN's decompositions (`--svd`).
trace_every: the trace's sampling period, 0 for iters/100 (`--trace-every`).
callback: called as callback(state) every `every` iterations (0: the trace period) with a dict of
    iteration, max_iterations, step_size, loss, initial_loss, gradient_norm, seconds, X and params;
    returning True stops the run with status "interrupted". An exception it raises stops the run and
    is raised by train().
Ctrl-C stops the run cleanly: train() returns the result with status "interrupted" and raises nothing.)doc");
}

}  // namespace snnsense::python
