// Models: SNN, WOA, LG, BM and DF, with their value and vector-Jacobian product on flat parameters.
#include <limits>

#include "bindings.hpp"
#include "snnsense/core/error.hpp"

namespace snnsense::python {

namespace {

template <class Tag>
struct Spec final : ModelSpec {
  std::shared_ptr<ModelSpec> copy() const override { return std::make_shared<Spec>(*this); }
};
using SnnSpec = Spec<struct SnnTag>;
using WoaSpec = Spec<struct WoaTag>;
using LgSpec = Spec<struct LgTag>;
using BmSpec = Spec<struct BmTag>;
using DfSpec = Spec<struct DfTag>;

using Shape = std::optional<std::pair<Index, Index>>;

// The options that do not depend on the matrix shape are checked when the model is made, so a
// typo fails at once instead of at train(). A huge stand-in shape passes the shape checks.
void check_options(const ModelSpec& spec) {
  constexpr Index any = std::numeric_limits<Index>::max();
  const ModelSettings& s = spec.settings;
  if (spec.name == "snn" || spec.name == "woa") s.snn.validate(any, any, true);
  if (spec.name == "lg") s.lg.validate();
  if (spec.name == "bm" || spec.name == "bm-psd") s.bm.validate(any, any);
  if (spec.name == "df") s.df.validate();
}

template <class S>
std::shared_ptr<S> make_spec(std::string name, ModelSettings settings, const Shape& shape, const Problem* problem) {
  auto spec = std::make_shared<S>();
  spec->name = std::move(name);
  spec->settings = std::move(settings);
  check_options(*spec);
  if (shape && problem) throw InputError(spec->name + ": give shape or problem, not both");
  if (problem) spec->bound = spec->for_problem(*problem);
  if (shape) spec->bound = make_model(spec->name, shape->first, shape->second, spec->settings);
  return spec;
}

SnnOptions snn_options(const std::vector<int>& layers, const std::string& init, double init_eps, double init_scale,
                       Index rank, const std::string& representation) {
  SnnOptions o;
  o.representation = enum_from_string<Representation>(representation, "representation: unknown form");
  o.layers = layers;
  o.init = snn_init_from_string(init);
  o.identity_eps = init_eps;
  o.init_scale = init_scale;
  o.rank = rank;
  return o;
}

Vector checked_params(const Model& model, const Vector& params) {
  if (params.size() != model.parameter_count())
    throw InputError("params: expected " + std::to_string(model.parameter_count()) + " values for " + model.name() +
                     ", got " + std::to_string(params.size()));
  return params;
}

// The constructor arguments that make this model again, e.g. (layers=[4, 8, 16], activation='tanh').
std::string arguments(const ModelSpec& spec) {
  const ModelSettings& s = spec.settings;
  const auto text = [](double v) { return py::repr(py::float_(v)).cast<std::string>(); };
  std::string args;
  const auto add = [&args](const std::string& key, const std::string& value) {
    args += (args.empty() ? "" : ", ") + key + "=" + value;
  };
  if (spec.name == "snn" || spec.name == "woa") {
    add("layers", py::repr(py::cast(s.snn.layers)).cast<std::string>());
    if (spec.name == "snn") add("activation", "'" + s.snn.activation.name() + "'");
    add("init", "'" + to_string(s.snn.init) + "'");
    add("init_scale", text(s.snn.init_scale));
    if (s.snn.rank) add("rank", std::to_string(s.snn.rank));
    if (s.snn.representation != Representation::automatic)
      add("representation", "'" + to_string(s.snn.representation) + "'");
  } else if (spec.name == "lg") {
    add("init_scale", text(s.lg.init_scale));
  } else if (spec.name == "bm" || spec.name == "bm-psd") {
    if (s.bm.rank) add("rank", std::to_string(s.bm.rank));
    if (spec.name == "bm-psd") add("psd", "True");
    add("init", "'" + to_string(s.bm.init) + "'");
    add("init_scale", text(s.bm.init_scale));
    if (s.bm.representation != Representation::automatic)
      add("representation", "'" + to_string(s.bm.representation) + "'");
  } else if (spec.name == "df") {
    add("depth", std::to_string(s.df.depth));
    if (s.df.width) add("width", std::to_string(s.df.width));
    add("init", "'" + to_string(s.df.init) + "'");
    add("init_scale", text(s.df.init_scale));
  }
  if (spec.bound) add("shape", "(" + std::to_string(spec.bound->rows()) + ", " + std::to_string(spec.bound->cols()) + ")");
  return "(" + args + ")";
}

}  // namespace

ModelPtr ModelSpec::for_problem(const Problem& problem) const {
  if (bound) return bound;
  return make_model(name, problem.n1, problem.n2, settings, problem.basis);
}

const Model& ModelSpec::model() const {
  if (!bound)
    throw InputError(name + ": the model has no matrix shape yet; pass shape=(n1, n2) or problem=... when making "
                            "it, or use the model of a train() result");
  return *bound;
}

void bind_models(py::module_& m) {
  py::class_<ModelSpec, std::shared_ptr<ModelSpec>>(
      m, "Model",
      "A parametrisation X = model(params) with flat float64 parameters. Made without a shape, it takes the\n"
      "problem's at train(); value(), gradient() and initial_parameters() need the shape.")
      .def_property_readonly("name", [](const ModelSpec& s) { return s.name; })
      .def_property_readonly("shape",
                             [](const ModelSpec& s) -> py::object {
                               if (!s.bound) return py::none();
                               return py::make_tuple(s.bound->rows(), s.bound->cols());
                             })
      .def_property_readonly("parameter_count", [](const ModelSpec& s) { return s.model().parameter_count(); })
      .def(
          "initial_parameters",
          [](const ModelSpec& s, std::uint64_t seed) {
            Rng rng(seed);
            return s.model().initial_parameters(rng);
          },
          py::arg("seed") = 0, "The configured initialisation, drawn with this seed (as train(seed=...) does).")
      .def(
          "value", [](const ModelSpec& s, const Vector& params) { return s.model().value(checked_params(s.model(), params)); },
          py::arg("params"), "X = model(params), an n1 x n2 array.")
      .def(
          "gradient",
          [](const ModelSpec& s, const Vector& params, const Matrix& G) {
            const Model& model = s.model();
            if (G.rows() != model.rows() || G.cols() != model.cols())
              throw InputError("G: expected a " + shape_text(model.rows(), model.cols()) + " array, got " +
                               shape_text(G.rows(), G.cols()));
            return model.vjp(checked_params(model, params), G);
          },
          py::arg("params"), py::arg("G"),
          "The vector-Jacobian product: d<G, model(params)>/dparams, i.e. dLoss/dparams for G = dLoss/dX.")
      .def("__repr__", [](const py::object& self) {
        return py::type::of(self).attr("__name__").cast<std::string>() + arguments(self.cast<const ModelSpec&>());
      });

  py::class_<SnnSpec, ModelSpec, std::shared_ptr<SnnSpec>>(m, "SNN",
                                                     "Spectral neural network (docs/science.md section 2).")
      .def(py::init([](const std::vector<int>& layers, const std::string& activation, double activation_scale,
                       const std::string& init, double init_eps, double init_scale, Index rank,
                       const std::string& representation, const Shape& shape, const Problem* problem) {
             ModelSettings s;
             s.snn = snn_options(layers, init, init_eps, init_scale, rank, representation);
             s.snn.activation = Activation::from_name(activation, activation_scale);
             return make_spec<SnnSpec>("snn", s, shape, problem);
           }),
           py::kw_only(), py::arg("layers") = std::vector<int>{2, 2, 2, 2}, py::arg("activation") = "tanh",
           py::arg("activation_scale") = 1.0, py::arg("init") = "identity", py::arg("init_eps") = 1e-4,
           py::arg("init_scale") = 1.0, py::arg("rank") = 0, py::arg("representation") = "auto",
           py::arg("shape") = py::none(), py::arg("problem") = py::none(),
           "layers: widths d_1..d_L; activation: tanh, scaled-tanh, softsign, centred-sigmoid or identity;\n"
           "init: identity (U = V = init_eps I), spectral (needs a well-specified problem), random or diag;\n"
           "rank: columns of U_k, V_k (0: min(n1, n2));\n"
           "representation: dense, factored (X = P C Q^T on small cores: the same function and gradient at a\n"
           "cost in n1 + n2 and the measurements) or auto (factored when layers[0] * rank < min(n1, n2)).");

  py::class_<WoaSpec, ModelSpec, std::shared_ptr<WoaSpec>>(m, "WOA", "The SNN without activation (linear baseline).")
      .def(py::init([](const std::vector<int>& layers, const std::string& init, double init_eps, double init_scale,
                       Index rank, const std::string& representation, const Shape& shape, const Problem* problem) {
             ModelSettings s;
             s.snn = snn_options(layers, init, init_eps, init_scale, rank, representation);
             return make_spec<WoaSpec>("woa", s, shape, problem);
           }),
           py::kw_only(), py::arg("layers") = std::vector<int>{2, 2, 2, 2}, py::arg("init") = "identity",
           py::arg("init_eps") = 1e-4, py::arg("init_scale") = 1.0, py::arg("rank") = 0,
           py::arg("representation") = "auto", py::arg("shape") = py::none(), py::arg("problem") = py::none());

  py::class_<LgSpec, ModelSpec, std::shared_ptr<LgSpec>>(
      m, "LG", "X itself as the parameter (minimum-Frobenius-norm interpolant from zero): the negative control.")
      .def(py::init([](double init_scale, const Shape& shape, const Problem* problem) {
             ModelSettings s;
             s.lg.init_scale = init_scale;
             return make_spec<LgSpec>("lg", s, shape, problem);
           }),
           py::kw_only(), py::arg("init_scale") = 0.0, py::arg("shape") = py::none(), py::arg("problem") = py::none(),
           "init_scale 0 starts at X = 0 (the paper's setting).");

  py::class_<BmSpec, ModelSpec, std::shared_ptr<BmSpec>>(m, "BM", "Burer-Monteiro X = U V^T (or U U^T with psd=True).")
      .def(py::init([](Index rank, bool psd, const std::string& init, double init_scale,
                       const std::string& representation, const Shape& shape, const Problem* problem) {
             ModelSettings s;
             s.bm.rank = rank;
             s.bm.init = factor_init_from_string(init);
             s.bm.init_scale = init_scale;
             s.bm.representation = enum_from_string<Representation>(representation, "representation: unknown form");
             return make_spec<BmSpec>(psd ? "bm-psd" : "bm", s, shape, problem);
           }),
           py::kw_only(), py::arg("rank") = 0, py::arg("psd") = false, py::arg("init") = "gaussian",
           py::arg("init_scale") = 1e-3, py::arg("representation") = "auto", py::arg("shape") = py::none(),
           py::arg("problem") = py::none(),
           "rank: columns of U and V (0: min(n1, n2)); init: gaussian or identity.\n"
           "representation: dense (X formed), factored (X = U V^T kept as factors, the gradient from the\n"
           "operator's products: no n1 x n2 matrix) or auto (factored when rank < min(n1, n2)).");

  py::class_<DfSpec, ModelSpec, std::shared_ptr<DfSpec>>(m, "DF", "Deep matrix factorisation X = W_N ... W_1.")
      .def(py::init([](int depth, Index width, const std::string& init, double init_scale, const Shape& shape,
                       const Problem* problem) {
             ModelSettings s;
             s.df.depth = depth;
             s.df.width = width;
             s.df.init = factor_init_from_string(init);
             s.df.init_scale = init_scale;
             return make_spec<DfSpec>("df", s, shape, problem);
           }),
           py::kw_only(), py::arg("depth") = 3, py::arg("width") = 0, py::arg("init") = "identity",
           py::arg("init_scale") = 1e-3, py::arg("shape") = py::none(), py::arg("problem") = py::none(),
           "depth: the number of factors N; width: inner width (0: min(n1, n2)); init: identity or gaussian.");
}

}  // namespace snnsense::python
