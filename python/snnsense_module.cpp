// The compiled half of the `snnsense` package; python/snnsense/__init__.py re-exports it.
#include "bindings.hpp"
#include "snnsense/core/error.hpp"

namespace snnsense::python {

void bind_errors(py::module_& m) {
  // Subclasses of the built-in exceptions, so `except ValueError` and `except OSError` catch them
  // and the message is the line the CLI prints after "snnsense: ".
  py::register_exception<InputError>(m, "InputError", PyExc_ValueError);
  py::register_exception<FileError>(m, "FileError", PyExc_OSError);
  py::register_exception<NumericalError>(m, "NumericalError", PyExc_ArithmeticError);
}

py::object to_python(const nlohmann::json& json) {
  // Round-tripping through text is simplest, and these documents are a few hundred bytes.
  return py::module_::import("json").attr("loads")(json.dump());
}

py::object operator_object(const OperatorPtr& op) {
  return py::cast(std::const_pointer_cast<MeasurementOperator>(op));
}

IndexVector index_vector(const py::handle& values, const std::string& name) {
  const py::array array = py::array::ensure(values);
  if (!array) throw InputError(name + ": expected an array of integer indices");
  if (array.ndim() != 1)
    throw InputError(name + ": expected a 1-D array of indices, got " + std::to_string(array.ndim()) + " dimensions");
  const char kind = array.dtype().kind();
  // An empty Python list becomes a float array; it holds no index to truncate.
  if (kind != 'i' && kind != 'u' && array.size() > 0)
    throw InputError(name + ": expected integer indices, got dtype " + py::str(array.dtype()).cast<std::string>());
  const auto ints = py::array_t<std::int64_t, py::array::forcecast>::ensure(array);
  IndexVector out(ints.size());
  for (py::ssize_t i = 0; i < ints.size(); ++i) out(i) = ints.at(i);
  return out;
}

std::string shape_text(Index rows, Index cols) { return std::to_string(rows) + " x " + std::to_string(cols); }

}  // namespace snnsense::python

PYBIND11_MODULE(_snnsense, m) {
  using namespace snnsense::python;
  m.doc() = "Matrix sensing with spectral neural networks (compiled core of the snnsense package)";
  m.attr("__version__") = SNNSENSE_VERSION;
  bind_errors(m);
  bind_operators(m);
  bind_problems(m);
  bind_models(m);
  bind_diagnostics(m);
  bind_training(m);
  bind_convex(m);
  bind_spectral(m);
}
