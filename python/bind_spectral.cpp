// The spectral activation sigma_f on a batch of matrices, forward and exact backward, for
// snnsense.torch: the forward pass keeps each matrix's SVD in an opaque state object that the
// backward pass reuses, so a backward pass never decomposes a matrix again.
#include <mutex>
#include <vector>

#include "bindings.hpp"
#include "snnsense/core/error.hpp"
#include "snnsense/linalg/spectral_activation.hpp"

namespace snnsense::python {

namespace {

// A C-contiguous float64 array of shape (batch, p, q). Its matrix b, read in C order, is Q_b; read
// in Eigen's column-major order the same memory is Q_b^T. Since sigma_f(Q^T) = sigma_f(Q)^T and
// the backward pass commutes with the transpose too, both passes run on the transposes in place
// of the matrices, and no element is shuffled on the way in or out.
using Batch = py::array_t<double, py::array::c_style | py::array::forcecast>;

struct SpectralBatchState {
  SpectralActivation sigma;
  py::ssize_t batch = 0, p = 0, q = 0;
  std::vector<SpectralActivationCache> caches;
  // backward() writes into a cache's workspace; autograd may call it again (retain_graph).
  std::mutex mutex;
};

void check_batch(const Batch& array, const std::string& name) {
  if (array.ndim() != 3)
    throw InputError(name + ": expected a (batch, p, q) array, got " + std::to_string(array.ndim()) + " dimensions");
}

py::tuple forward(const Batch& Q, const std::string& activation, double scale) {
  check_batch(Q, "Q");
  auto state = std::make_shared<SpectralBatchState>();
  state->sigma = SpectralActivation(Activation::from_name(activation, scale), SvdMethod::lapack);
  state->batch = Q.shape(0);
  state->p = Q.shape(1);
  state->q = Q.shape(2);
  Batch out({state->batch, state->p, state->q});
  const Index rows = state->q, cols = state->p;  // of the transposes Eigen sees
  const double* in = Q.data();
  double* result = out.mutable_data();
  {
    py::gil_scoped_release release;
    state->caches.resize(static_cast<std::size_t>(state->batch));
    Matrix input, output;
    for (py::ssize_t b = 0; b < state->batch; ++b) {
      const py::ssize_t offset = b * rows * cols;
      input = Eigen::Map<const Matrix>(in + offset, rows, cols);
      if (!input.allFinite()) throw NumericalError("Q: matrix " + std::to_string(b) + " of the batch is not finite");
      state->sigma.forward(input, state->caches[static_cast<std::size_t>(b)], output);
      Eigen::Map<Matrix>(result + offset, rows, cols) = output;
    }
  }
  return py::make_tuple(out, state);
}

Batch backward(SpectralBatchState& state, const Batch& G) {
  check_batch(G, "G");
  if (G.shape(0) != state.batch || G.shape(1) != state.p || G.shape(2) != state.q)
    throw InputError("G: expected the forward pass's shape (" + std::to_string(state.batch) + ", " +
                     std::to_string(state.p) + ", " + std::to_string(state.q) + ")");
  Batch dQ({state.batch, state.p, state.q});
  const Index rows = state.q, cols = state.p;
  const double* in = G.data();
  double* result = dQ.mutable_data();
  {
    py::gil_scoped_release release;
    std::lock_guard lock(state.mutex);
    Matrix g, out;
    for (py::ssize_t b = 0; b < state.batch; ++b) {
      const py::ssize_t offset = b * rows * cols;
      g = Eigen::Map<const Matrix>(in + offset, rows, cols);
      state.sigma.backward(state.caches[static_cast<std::size_t>(b)], g, out);
      Eigen::Map<Matrix>(result + offset, rows, cols) = out;
    }
  }
  return dQ;
}

}  // namespace

void bind_spectral(py::module_& m) {
  py::class_<SpectralBatchState, std::shared_ptr<SpectralBatchState>>(
      m, "SpectralActivationState",
      "The SVDs of a spectral_activation_forward() batch, kept for spectral_activation_backward().")
      .def_property_readonly("shape",
                             [](const SpectralBatchState& s) { return py::make_tuple(s.batch, s.p, s.q); })
      .def_property_readonly("activation", [](const SpectralBatchState& s) { return s.sigma.function().name(); })
      .def_property_readonly(
          "singular_values",
          [](const SpectralBatchState& s) {
            const py::ssize_t k = std::min(s.p, s.q);
            py::array_t<double> out({s.batch, k});
            for (py::ssize_t b = 0; b < s.batch; ++b)
              for (py::ssize_t i = 0; i < k; ++i)
                out.mutable_at(b, i) = s.caches[static_cast<std::size_t>(b)].svd.s(i);
            return out;
          },
          "(batch, min(p, q)) array: the singular values of each input, descending.");

  m.def("activation_names", &Activation::names,
        "The activations spectral_activation_forward() accepts, as `snnsense train --activation` names them.");
  m.def("spectral_activation_forward", &forward, py::arg("Q"), py::arg("activation") = "tanh",
        py::arg("scale") = 1.0,
        "sigma_f(Q_b) = U diag(f(s)) V^T for each matrix of a (batch, p, q) float64 array.\n"
        "Returns (out, state): state keeps the SVDs for spectral_activation_backward(). activation is a\n"
        "name of `snnsense train --activation` (f(0) = 0 is required); scale is c of scaled-tanh and\n"
        "centred-sigmoid. The GIL is released while it computes.");
  m.def("spectral_activation_backward", &backward, py::arg("state"), py::arg("G"),
        "dLoss/dQ for G = dLoss/dsigma_f(Q), (batch, p, q): the exact formula, finite at repeated and zero\n"
        "singular values, from the SVDs of the forward pass (no second decomposition). Releases the GIL.");
}

}  // namespace snnsense::python
