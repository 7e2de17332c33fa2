#pragma once
// Shared pieces of the Python module: one bind_* function per area of the C++ API, and the
// conversions several of them need. Every argument a user passes is checked here or in the
// library before C++ touches it, because Eigen's shape asserts are compiled out in release builds.
#include <pybind11/eigen.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "snnsense/core/types.hpp"
#include "snnsense/diagnostics/run_metrics.hpp"
#include "snnsense/models/model_factory.hpp"
#include "snnsense/operators/measurement_operator.hpp"
#include "snnsense/problems/problem.hpp"

namespace snnsense::python {

namespace py = pybind11;

void bind_errors(py::module_& m);
void bind_operators(py::module_& m);
void bind_problems(py::module_& m);
void bind_models(py::module_& m);
void bind_diagnostics(py::module_& m);
void bind_training(py::module_& m);
void bind_convex(py::module_& m);
void bind_spectral(py::module_& m);
// Problem.from_sparse and to_sparse, on the class bind_problems makes.
void bind_sparse(py::class_<Problem, std::shared_ptr<Problem>>& problem);

// JSON (metrics, provenance, summaries) as plain Python dicts, lists and numbers.
py::object to_python(const nlohmann::json& json);

// Operators are shared and immutable in C++; pybind11 holds them as shared_ptr<T>, and Python sees
// only the const methods, so dropping the const here cannot let anything be modified.
py::object operator_object(const OperatorPtr& op);

// Arrays of indices must hold integers: numpy would otherwise truncate 1.7 to 1 without a word.
IndexVector index_vector(const py::handle& values, const std::string& name);

// RunMetrics as a dict: the keys of summary.json's "final", plus the singular values as an array.
py::dict metrics_dict(const RunMetrics& metrics);

// "n1 x n2"
std::string shape_text(Index rows, Index cols);

// A model as Python users write it: the kind and its options, with the matrix shape (and, for the
// spectral initialisation, the problem's basis) known either now or once train() sees the problem.
// Each Python class (SNN, LG, ...) is its own subclass so that a copy comes back as the same class.
struct ModelSpec {
  virtual ~ModelSpec() = default;
  virtual std::shared_ptr<ModelSpec> copy() const = 0;

  std::string name;  // a name of make_model: snn, woa, lg, bm, bm-psd, df
  ModelSettings settings;
  ModelPtr bound;    // the C++ model, once the shape is known

  // The model for `problem`: the bound one, or one built for the problem's shape and basis.
  ModelPtr for_problem(const Problem& problem) const;
  // The bound model; InputError saying how to give it a shape otherwise.
  const Model& model() const;
};

}  // namespace snnsense::python
