// train(): the CLI's `train` as a function, with the GIL released while C++ iterates.
#include <chrono>
#include <cmath>
#include <limits>
#include <optional>
#include <vector>

#include "bindings.hpp"
#include "snnsense/core/error.hpp"
#include "snnsense/training/step_size_search.hpp"
#include "snnsense/training/trace_recorder.hpp"
#include "snnsense/training/trainer.hpp"

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
    d["X"] = *state.X;
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
      smin(n), grad(n);
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

struct TrainArguments {
  TrainOptions options;
  std::optional<double> lr;  // none: search
  std::optional<std::vector<double>> lr_grid;
  Index search_successes = 3;
  Index search_probe = 0;
  Index trace_every = 0;
  Index every = 0;
};

PyTrainResult run_training(const ModelSpec& spec, const Problem& problem, TrainArguments args,
                           const std::optional<Vector>& params, const py::object& callback) {
  args.options.lr = args.lr.value_or(1.0);
  args.options.validate();
  if (args.trace_every < 0) throw InputError("--trace-every: must be non-negative (0 for iters/100)");
  if (args.every < 0) throw InputError("every: must be non-negative (0 for the trace period)");
  const ModelPtr model = spec.for_problem(problem);
  Vector initial;
  if (params) {
    initial = *params;
  } else {
    Rng rng(args.options.seed);
    initial = model->initial_parameters(rng);
  }
  const Index trace_every = args.trace_every > 0 ? args.trace_every : default_trace_every(args.options.iterations);
  PythonHooks hooks(callback, args.every > 0 ? args.every : trace_every);
  std::vector<Callback*> callbacks{&hooks};

  PyTrainResult out;
  {
    py::gil_scoped_release release;
    if (args.lr) {
      TraceRecorder recorder(problem, trace_every);
      callbacks.push_back(&recorder);
      out.run = train(*model, problem, args.options, initial, callbacks);
      out.trace = recorder.take();
      out.lr = args.lr;
    } else {
      StepSizeSearchOptions search;
      if (args.lr_grid) {
        search.grid = *args.lr_grid;
        search.placement = GridPlacement::fixed;
      }
      search.successes = args.search_successes;
      search.probe_iterations = args.search_probe;
      StepSizeSearchResult found = search_step_size(*model, problem, args.options, initial, search, trace_every, callbacks);
      out.search = found.to_json();
      out.run = std::move(found.run);
      out.trace = std::move(found.trace);
      if (!found.candidates.empty() && found.candidates.back().reason == StopReason::interrupted) {
        // Stopped while trying a candidate: the run returned is that candidate's, not the best so far.
        out.lr = found.candidates.back().lr;
      } else if (found.best) {
        out.lr = found.candidates[*found.best].lr;
      } else {
        // As the CLI reports it: no candidate finished, so there is no result to show.
        out.run.reason = StopReason::diverged;
        out.run.X = Matrix();
      }
    }
    if (out.run.X.size() > 0) out.final = evaluate(problem, out.run.X);
  }
  hooks.raise_pending();
  out.model = spec.copy();
  out.model->bound = model;
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
                             "max_iterations, loss_tolerance, gradient_tolerance, diverged or interrupted.")
      .def_property_readonly("finished", [](const PyTrainResult& r) { return r.run.finished(); },
                             "Neither diverged nor interrupted.")
      .def_property_readonly(
          "X",
          [](const PyTrainResult& r) -> py::object {
            if (r.run.X.size() == 0) return py::none();
            return py::cast(r.run.X);
          },
          "The reconstruction (the last finite iterate after divergence); None if there is none.")
      .def_property_readonly(
          "params",
          [](const PyTrainResult& r) -> py::object {
            if (r.run.X.size() == 0) return py::none();
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

  m.def(
      "train",
      [](const ModelSpec& model, const Problem& problem, const py::object& lr, Index iters, std::uint64_t seed,
         const std::optional<Vector>& params, const py::object& callback, Index every, Index trace_every,
         const std::string& schedule, Index decay_every, double decay_factor, const std::string& momentum,
         double momentum_coefficient, Index batch_size, double loss_tolerance, double gradient_tolerance,
         double divergence_factor, const std::optional<std::vector<double>>& lr_grid, Index search_successes,
         Index search_probe) {
        if (!callback.is_none() && !PyCallable_Check(callback.ptr()))
          throw InputError("callback: expected a function of one argument (a dict), got " +
                           py::repr(callback).cast<std::string>());
        TrainArguments a;
        a.lr = fixed_step(lr);
        a.options.iterations = iters;
        a.options.seed = seed;
        a.options.schedule = schedule_from_string(schedule);
        a.options.decay_every = decay_every;
        a.options.decay_factor = decay_factor;
        a.options.momentum = momentum_from_string(momentum);
        a.options.momentum_coefficient = momentum_coefficient;
        a.options.batch_size = batch_size;
        a.options.loss_tolerance = loss_tolerance;
        a.options.gradient_tolerance = gradient_tolerance;
        a.options.divergence_factor = divergence_factor;
        a.lr_grid = lr_grid;
        a.search_successes = search_successes;
        a.search_probe = search_probe;
        a.trace_every = trace_every;
        a.every = every;
        return run_training(model, problem, std::move(a), params, callback);
      },
      py::arg("model"), py::arg("problem"), py::kw_only(), py::arg("lr") = 0.01, py::arg("iters") = 2501,
      py::arg("seed") = 0, py::arg("params") = py::none(), py::arg("callback") = py::none(), py::arg("every") = 0,
      py::arg("trace_every") = 0, py::arg("schedule") = "constant", py::arg("decay_every") = 1000,
      py::arg("decay_factor") = 0.1, py::arg("momentum") = "none", py::arg("momentum_coefficient") = 0.9,
      py::arg("batch_size") = 0, py::arg("loss_tolerance") = 0.0, py::arg("gradient_tolerance") = 0.0,
      py::arg("divergence_factor") = 1e6, py::arg("lr_grid") = py::none(), py::arg("search_successes") = 3,
      py::arg("search_probe") = 0,
      R"doc(Gradient descent on 1/(2m) ||A(model(params)) - y||^2 over the training measurements, like
`snnsense train`. The GIL is released while C++ iterates.

lr: a step size, or "search" for the paper's grid ({5, 1} x 10^k, k = 1..-11, or lr_grid), keeping the
    best of the first search_successes candidates that finish (search_probe > 0: iterations per candidate).
seed: draws the initial parameters (unless params is given) and the minibatch order.
trace_every: the trace's sampling period (0: iters/100).
callback: called as callback(state) every `every` iterations (0: the trace period) with a dict of
    iteration, max_iterations, step_size, loss, initial_loss, gradient_norm, seconds, X and params;
    returning True stops the run with status "interrupted". An exception it raises stops the run and
    is raised by train().
Ctrl-C stops the run cleanly: train() returns the result with status "interrupted" and raises nothing.
The other keywords are the TrainOptions of the C++ library (see `snnsense train --help`).)doc");
}

}  // namespace snnsense::python
