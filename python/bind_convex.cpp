// The convex yardstick: nuclear-norm minimisation, and the KKT residual that compares any X with it.
#include "bindings.hpp"
#include "snnsense/convex/soft_impute.hpp"
#include "snnsense/convex/solve.hpp"
#include "snnsense/core/error.hpp"

namespace snnsense::python {

namespace {

py::dict kkt_dict(const KktResidual& kkt) {
  py::dict d = to_python(kkt.to_json());
  d["dual"] = kkt.lambda;
  return d;
}

// What `solve` reports, as a Python object: the scalars of summary.json plus the arrays.
struct PySolveResult {
  SolveResult result;
  RunMetrics metrics;
};

// soft_impute's answer with evaluate() of its best X.
struct PySoftImputeResult {
  SoftImputeResult result;
  RunMetrics metrics;
};

}  // namespace

void bind_convex(py::module_& m) {
  py::class_<PySolveResult>(m, "SolveResult", "The result of solve_nuclear.")
      .def_property_readonly("X", [](const PySolveResult& r) { return r.result.X; })
      .def_property_readonly("method", [](const PySolveResult& r) { return to_string(r.result.method); },
                             "The method that ran: admm, apg or basis-pursuit.")
      .def_property_readonly("status", [](const PySolveResult& r) { return to_string(r.result.status); },
                             "optimal, or iteration_cap (X is then the last iterate, not a solution).")
      .def_property_readonly("optimal", [](const PySolveResult& r) { return r.result.optimal(); })
      .def_property_readonly("iterations", [](const PySolveResult& r) { return r.result.iterations; })
      .def_property_readonly("primal_residual", [](const PySolveResult& r) { return r.result.primal_residual; })
      .def_property_readonly("dual_residual", [](const PySolveResult& r) { return r.result.dual_residual; })
      .def_property_readonly("nuclear_norm", [](const PySolveResult& r) { return r.result.nuclear_norm; })
      .def_property_readonly("objective", [](const PySolveResult& r) { return r.result.objective; })
      .def_property_readonly("dual", [](const PySolveResult& r) { return r.result.lambda; },
                             "The solver's dual vector lambda (A*(lambda) approximates a subgradient at X).")
      .def_property_readonly("kkt", [](const PySolveResult& r) { return kkt_dict(r.result.kkt); },
                             "KKT residual of the equality problem: primal, tangent, spectral_excess, value, rank, dual.")
      .def_property_readonly("seconds", [](const PySolveResult& r) { return r.result.seconds; })
      .def_property_readonly("final", [](const PySolveResult& r) { return metrics_dict(r.metrics); },
                             "evaluate(problem, X): relative error, PSNR, test loss, ...")
      .def("summary", [](const PySolveResult& r) { return to_python(r.result.to_json()); },
           "The scalars `snnsense solve` writes to summary.json.")
      .def("__repr__", [](const PySolveResult& r) { return "<snnsense.SolveResult " + r.result.brief_report() + ">"; });

  m.def(
      "solve_nuclear",
      [](const Problem& problem, const std::string& method, std::optional<double> lambda, double tolerance,
         Index max_iterations, double rank_tolerance, Index dense_gram_limit, double max_memory) {
        SolveOptions options;
        options.method = solve_method_from_string(method);
        options.lambda = lambda;
        options.tolerance = tolerance;
        options.max_iterations = max_iterations;
        options.rank_tolerance = rank_tolerance;
        options.dense_gram_limit = dense_gram_limit;
        options.max_memory_gb = max_memory;
        py::gil_scoped_release release;
        PySolveResult out{solve(problem, options), {}};
        out.metrics = evaluate(problem, DenseEstimate(out.result.X));
        return out;
      },
      py::arg("problem"), py::kw_only(), py::arg("method") = "auto", py::arg("lambda_") = py::none(),
      py::arg("tolerance") = 1e-8, py::arg("max_iterations") = 50000, py::arg("rank_tolerance") = kDefaultRankTolerance,
      py::arg("dense_gram_limit") = kDenseGramLimit, py::arg("max_memory") = SolveOptions{}.max_memory_gb,
      "Nuclear-norm minimisation on the training measurements. method: auto (basis-pursuit when the problem\n"
      "is well-specified, admm otherwise), admm (min ||X||_* s.t. A(X) = P(y)), apg (1/2||A(X) - y||^2 +\n"
      "lambda_ ||X||_*, needs lambda_) or basis-pursuit. max_memory: GB the solve may take (0: the machine's\n"
      "available memory); a larger estimate raises ValueError before it starts. Releases the GIL while it runs.");

  py::class_<PySoftImputeResult>(m, "SoftImputeResult", "The result of soft_impute.")
      .def_property_readonly("left", [](const PySoftImputeResult& r) { return r.result.left; },
                             "The best lambda's X = left @ right.T: left is U diag(d), n1 x k.")
      .def_property_readonly("right", [](const PySoftImputeResult& r) { return r.result.right; },
                             "V, n2 x k with orthonormal columns.")
      .def_property_readonly("path", [](const PySoftImputeResult& r) { return to_python(r.result.to_json()["path"]); },
                             "One dict per lambda: lambda, rank, nuclear_norm, objective, train_rmse, test_rmse, ...")
      .def_property_readonly("best_index", [](const PySoftImputeResult& r) { return r.result.best; })
      .def_property_readonly("best_lambda", [](const PySoftImputeResult& r) { return r.result.best_point().lambda; })
      .def_property_readonly("lambda_max", [](const PySoftImputeResult& r) { return r.result.lambda_max; })
      .def_property_readonly("converged", [](const PySoftImputeResult& r) { return r.result.converged(); })
      .def_property_readonly("seconds", [](const PySoftImputeResult& r) { return r.result.seconds; })
      .def_property_readonly("final", [](const PySoftImputeResult& r) { return metrics_dict(r.metrics); },
                             "evaluate(problem, X) of the best X: relative error, test loss, ...")
      .def("summary", [](const PySoftImputeResult& r) { return to_python(r.result.to_json()); },
           "What `snnsense solve --method soft-impute` writes to summary.json (without `final`).")
      .def("__repr__",
           [](const PySoftImputeResult& r) { return "<snnsense.SoftImputeResult " + r.result.brief_report() + ">"; });

  const SoftImputeOptions defaults;
  m.def(
      "soft_impute",
      [](const Problem& problem, const std::vector<double>& lambdas, Index path_length, double path_ratio,
         std::optional<double> lambda_max, Index max_rank, double tolerance, Index max_iterations, std::uint64_t seed) {
        SoftImputeOptions options;
        options.lambdas = lambdas;
        options.path_length = path_length;
        options.path_ratio = path_ratio;
        options.lambda_max = lambda_max;
        options.max_rank = max_rank;
        options.tolerance = tolerance;
        options.max_iterations = max_iterations;
        options.seed = seed;
        py::gil_scoped_release release;
        PySoftImputeResult out{solve_soft_impute(problem, options), {}};
        out.metrics = evaluate(problem, out.result.estimate());
        return out;
      },
      py::arg("problem"), py::kw_only(), py::arg("lambdas") = std::vector<double>{},
      py::arg("path_length") = defaults.path_length, py::arg("path_ratio") = defaults.path_ratio,
      py::arg("lambda_max") = py::none(), py::arg("max_rank") = defaults.max_rank,
      py::arg("tolerance") = defaults.tolerance, py::arg("max_iterations") = defaults.max_iterations,
      py::arg("seed") = defaults.seed,
      "Soft-impute on a completion problem: 1/2||A(X) - y||^2 + lambda ||X||_* along a decreasing path of\n"
      "lambdas (path_length of them from lambda_max = ||A*(y)||_2 down to path_ratio * lambda_max, or the\n"
      "given `lambdas`), X kept in factors; the best lambda by held-out RMSE. Releases the GIL while it runs.");

  m.def(
      "kkt_residual",
      [](const Problem& problem, const Matrix& X, const std::optional<Vector>& dual, double rank_tolerance) {
        const MeasurementOperator& op = *problem.train_operator;
        if (X.rows() != problem.n1 || X.cols() != problem.n2)
          throw InputError("X: expected a " + shape_text(problem.n1, problem.n2) + " array, got " +
                           shape_text(X.rows(), X.cols()));
        if (!(rank_tolerance > 0.0 && rank_tolerance < 1.0))
          throw InputError("rank_tolerance: must lie in (0, 1)");
        if (dual && dual->size() != op.measurements())
          throw InputError("dual: expected " + std::to_string(op.measurements()) + " values, got " +
                           std::to_string(dual->size()));
        KktResidual kkt;
        {
          py::gil_scoped_release release;
          kkt = dual ? kkt_residual(op, problem.train_y, X, *dual, rank_tolerance)
                     : kkt_residual(op, problem.train_y, X, rank_tolerance);
        }
        return kkt_dict(kkt);
      },
      py::arg("problem"), py::arg("X"), py::kw_only(), py::arg("dual") = py::none(),
      py::arg("rank_tolerance") = kDefaultRankTolerance,
      "How far X is from optimal for min ||X||_* s.t. A(X) = P(y) on the training measurements: primal,\n"
      "tangent, spectral_excess and their maximum `value` (0 certifies optimality), with the dual vector used\n"
      "(fitted unless `dual` is given).");
}

}  // namespace snnsense::python
