// Diagnostics: what the trace and summary.json report about a reconstruction, for any X.
#include "bindings.hpp"
#include "snnsense/core/error.hpp"
#include "snnsense/diagnostics/reconstruction_metrics.hpp"
#include "snnsense/diagnostics/spectrum_metrics.hpp"

namespace snnsense::python {

namespace {

void require_same_shape(const Matrix& X, const Matrix& other, const std::string& name) {
  if (X.rows() != other.rows() || X.cols() != other.cols())
    throw InputError(name + ": expected a " + shape_text(X.rows(), X.cols()) + " array like X, got " +
                     shape_text(other.rows(), other.cols()));
}

py::dict spectrum_dict(const SpectrumMetrics& s) {
  py::dict d;
  d["singular_values"] = s.singular_values;
  d["nuclear_norm"] = s.nuclear_norm;
  d["effective_rank"] = s.effective_rank;
  d["rank"] = s.rank;
  return d;
}

}  // namespace

py::dict metrics_dict(const RunMetrics& metrics) {
  py::dict d = to_python(metrics.to_json());
  d["singular_values"] = metrics.spectrum.singular_values;
  return d;
}

void bind_diagnostics(py::module_& m) {
  m.def(
      "evaluate", [](const Problem& problem, const Matrix& X) { return metrics_dict(evaluate(problem, DenseEstimate(X))); },
      py::arg("problem"), py::arg("X"),
      "The metrics of summary.json for X: train_loss, test_loss, relative_error, psnr, off_diagonal_mass,\n"
      "nuclear_norm, effective_rank, rank, sigma_max, sigma_min (None where they do not apply), and\n"
      "singular_values.");
  m.def("spectrum", [](const Matrix& X) { return spectrum_dict(spectrum_metrics(X)); }, py::arg("X"),
        "singular_values (descending), nuclear_norm, effective_rank and rank (singular values above 1e-4 x the "
        "largest) of X.");
  m.def("nuclear_norm", &nuclear_norm, py::arg("X"), "The sum of the singular values of X.");
  m.def(
      "effective_rank", [](const Matrix& X) { return spectrum_metrics(X).effective_rank; }, py::arg("X"),
      "exp of the Shannon entropy of the normalised singular values (0 for the zero matrix).");
  m.def(
      "sensing_loss",
      [](const MeasurementOperator& op, const Vector& y, const Matrix& X) {
        if (y.size() != op.measurements())
          throw InputError("y: expected " + std::to_string(op.measurements()) + " values, got " +
                           std::to_string(y.size()));
        return sensing_loss(op, y, X);
      },
      py::arg("operator"), py::arg("y"), py::arg("X"), "1/(2m) ||A(X) - y||^2, the training objective.");
  m.def(
      "relative_error",
      [](const Matrix& X, const Matrix& x_true) {
        require_same_shape(X, x_true, "x_true");
        return relative_error(X, x_true);
      },
      py::arg("X"), py::arg("x_true"), "||X - X*||_F / ||X*||_F.");
  m.def(
      "psnr",
      [](const Matrix& X, const Matrix& x_true, double pixel_scale) {
        require_same_shape(X, x_true, "x_true");
        if (!(pixel_scale > 0.0)) throw InputError("pixel_scale: must be positive");
        return psnr(X, x_true, pixel_scale);
      },
      py::arg("X"), py::arg("x_true"), py::arg("pixel_scale"),
      "20 log10(255 / sqrt(MSE)) of X and X* in pixels (both times pixel_scale).");
  m.def(
      "off_diagonal_mass",
      [](const Matrix& X, const Matrix& phi, const Matrix& psi) {
        if (phi.rows() != X.rows() || psi.rows() != X.cols() || phi.cols() != psi.cols())
          throw InputError("phi, psi: expected " + std::to_string(X.rows()) + " x k and " + std::to_string(X.cols()) +
                           " x k bases for a " + shape_text(X.rows(), X.cols()) + " X, got " +
                           shape_text(phi.rows(), phi.cols()) + " and " + shape_text(psi.rows(), psi.cols()));
        return off_diagonal_mass(X, SpectralBasis{phi, psi});
      },
      py::arg("X"), py::arg("phi"), py::arg("psi"),
      "||offdiag(phi^T X psi)||_F / ||X||_F: zero while X keeps a well-specified problem's singular vectors.");
}

}  // namespace snnsense::python
