// Problems: generated like `snnsense generate`, read and written as problem directories, or built
// from a user's own numpy arrays.
#include <cmath>
#include <optional>

#include "bindings.hpp"
#include "snnsense/core/error.hpp"
#include "snnsense/io/staging_directory.hpp"
#include "snnsense/operators/completion_operator.hpp"
#include "snnsense/operators/dense_operator.hpp"
#include "snnsense/operators/rank_one_operator.hpp"
#include "snnsense/operators/spectral_operator.hpp"
#include "snnsense/problems/distinct_entries.hpp"
#include "snnsense/problems/generate.hpp"
#include "snnsense/problems/problem_io.hpp"
#include "snnsense/problems/signal_to_noise.hpp"

namespace snnsense::python {

namespace {

// Problem::save would accept NaN, and load would then refuse the directory it wrote.
void require_finite(const Eigen::Ref<const Matrix>& values, const std::string& name) {
  if (!values.allFinite()) throw InputError(name + ": every value must be finite");
}

void require_orthonormal(const Matrix& basis, const std::string& name) {
  const Matrix gram = basis.transpose() * basis;
  if ((gram - Matrix::Identity(gram.rows(), gram.cols())).cwiseAbs().maxCoeff() > 1e-8)
    throw InputError(name + ": the columns must be orthonormal (to 1e-8)");
}

Matrix to_matrix(const py::handle& values, const std::string& name) {
  try {
    return values.cast<Matrix>();
  } catch (const py::cast_error&) {
    throw InputError(name + ": expected a 2-D array of numbers");
  }
}

// The shape the arrays imply; a disagreement between two of them is the user's mistake to hear about.
struct ShapeSource {
  std::optional<std::pair<Index, Index>> shape;
  std::string from;

  void add(Index n1, Index n2, const std::string& source) {
    if (!shape) {
      shape = {n1, n2};
      from = source;
    } else if (shape->first != n1 || shape->second != n2) {
      throw InputError(source + " gives matrices of " + shape_text(n1, n2) + " but " + from + " gives " +
                       shape_text(shape->first, shape->second));
    }
  }
};

OperatorPtr dense_from_array(const py::handle& values, ShapeSource& shape) {
  const auto A = py::array_t<double, py::array::c_style | py::array::forcecast>::ensure(values);
  if (!A) throw InputError("A: expected an array of numbers");
  if (A.ndim() == 3) {
    shape.add(A.shape(1), A.shape(2), "A (m x n1 x n2)");
  } else if (A.ndim() != 2) {
    throw InputError("A: expected an m x (n1*n2) or m x n1 x n2 array, got " + std::to_string(A.ndim()) +
                     " dimensions");
  } else if (!shape.shape) {
    throw InputError("A: an m x (n1*n2) array needs shape=(n1, n2) or x_true to tell n1 from n2");
  }
  const Index m = A.shape(0), columns = A.ndim() == 3 ? A.shape(1) * A.shape(2) : A.shape(1);
  RowMatrix dense = Eigen::Map<const RowMatrix>(A.data(), m, columns);
  require_finite(dense, "A");
  return std::make_shared<DenseOperator>(std::move(dense), shape.shape->first, shape.shape->second);
}

Problem problem_from_arrays(const py::object& y, const py::object& A, const py::object& rows, const py::object& cols,
                            const py::object& left, const py::object& right, const py::object& phi,
                            const py::object& psi, const py::object& coefficients,
                            const std::optional<std::pair<Index, Index>>& shape, const py::object& x_true, Index test,
                            double noise, double pixel_scale) {
  const int given = !A.is_none() + (!rows.is_none() || !cols.is_none()) + (!left.is_none() || !right.is_none()) +
                    (!phi.is_none() || !psi.is_none() || !coefficients.is_none());
  if (given != 1)
    throw InputError("from_arrays: give exactly one operator: A (dense), rows and cols (completion), left and right "
                     "(rank-one), or phi, psi and coefficients (spectral)");

  ShapeSource source;
  if (shape) source.add(shape->first, shape->second, "shape");
  std::optional<Matrix> truth;
  if (!x_true.is_none()) {
    truth = to_matrix(x_true, "x_true");
    require_finite(*truth, "x_true");
    source.add(truth->rows(), truth->cols(), "x_true");
  }

  OperatorPtr all;
  if (!A.is_none()) {
    all = dense_from_array(A, source);
  } else if (!rows.is_none() || !cols.is_none()) {
    if (rows.is_none() || cols.is_none()) throw InputError("from_arrays: a completion operator needs both rows and cols");
    if (!source.shape) throw InputError("rows, cols: a completion operator needs shape=(n1, n2) or x_true");
    auto entries = std::make_shared<CompletionOperator>(index_vector(rows, "rows"), index_vector(cols, "cols"),
                                                           source.shape->first, source.shape->second);
    if (const auto repeat = first_duplicate_entry(entries->row_indices(), entries->col_indices()))
      throw InputError("rows, cols: " + repeat->describe());
    all = entries;
  } else if (!left.is_none() || !right.is_none()) {
    if (left.is_none() || right.is_none()) throw InputError("from_arrays: a rank-one operator needs both left and right");
    Matrix a = to_matrix(left, "left"), b = to_matrix(right, "right");
    require_finite(a, "left");
    require_finite(b, "right");
    source.add(a.cols(), b.cols(), "left, right");
    all = std::make_shared<RankOneOperator>(std::move(a), std::move(b));
  } else {
    if (phi.is_none() || psi.is_none() || coefficients.is_none())
      throw InputError("from_arrays: a spectral operator needs phi, psi and coefficients");
    Matrix p = to_matrix(phi, "phi"), q = to_matrix(psi, "psi"), c = to_matrix(coefficients, "coefficients");
    require_finite(p, "phi");
    require_finite(q, "psi");
    require_finite(c, "coefficients");
    require_orthonormal(p, "phi");
    require_orthonormal(q, "psi");
    source.add(p.rows(), q.rows(), "phi, psi");
    all = std::make_shared<SpectralOperator>(std::move(p), std::move(q), std::move(c));
  }

  const Index count = all->measurements();
  Vector values;
  if (y.is_none()) {
    if (!truth) throw InputError("from_arrays: give y, or x_true to measure it without noise");
    values = all->apply(*truth);
  } else {
    const Matrix column = to_matrix(y, "y");
    if (column.cols() != 1 || column.rows() != count)
      throw InputError("y: expected " + std::to_string(count) + " values (one per measurement), got an array of " +
                       shape_text(column.rows(), column.cols()));
    values = column.col(0);
    require_finite(values, "y");
  }
  if (test < 0 || test >= count)
    throw InputError("test: " + std::to_string(test) + " held-out measurements must leave at least one of the " +
                     std::to_string(count) + " for training");
  if (!(noise >= 0.0 && std::isfinite(noise))) throw InputError("noise: must be a non-negative number");
  if (!(pixel_scale >= 0.0 && std::isfinite(pixel_scale)))
    throw InputError("pixel_scale: must be positive (or 0 for a problem that is not an image)");
  if (pixel_scale > 0.0 && !truth) throw InputError("pixel_scale: an image problem needs x_true");

  Problem problem = split_measurements(all, values, count - test);
  problem.x_true = std::move(truth);
  problem.noise = noise;
  problem.pixel_scale = pixel_scale;
  problem.provenance = {{"generator", "snnsense " SNNSENSE_VERSION " (Python Problem.from_arrays)"}};
  return problem;
}

// The keyword arguments of `snnsense generate`, under the names of GenerateOptions.
GenerateOptions generate_options(const std::string& problem, const std::string& op, Index n, Index n2, Index rank,
                                 Index measurements, double fraction, Index test, double noise,
                                 std::optional<double> noise_abs, double scale, std::uint64_t seed,
                                 const std::string& image, Index resize, double max_memory,
                                 const std::string& popularity, double popularity_exponent) {
  GenerateOptions o;
  o.problem = problem;
  o.design = op;
  o.n = n;
  o.n2 = n2;
  o.rank = rank;
  o.measurements = measurements;
  o.fraction = fraction;
  o.test = test;
  o.noise = noise;
  o.noise_abs = noise_abs;
  o.scale = scale;
  o.seed = seed;
  o.image = image;
  o.resize = resize;
  o.max_memory_gb = max_memory;
  o.popularity = popularity;
  o.popularity_exponent = popularity_exponent;
  return o;
}

Vector all_y(const Problem& p) {
  Vector y(p.train_count() + p.test_count());
  y << p.train_y, p.test_y;
  return y;
}

std::string describe(const Problem& p) {
  std::string text = "<snnsense.Problem " + shape_text(p.n1, p.n2) + ", " + to_string(p.operator_kind()) +
                     " operator, " + std::to_string(p.train_count()) + " train + " + std::to_string(p.test_count()) +
                     " test measurements";
  if (p.is_image()) text += ", image";
  if (p.x_true_factors)
    text += ", x_true as factors";
  else if (!p.x_true)
    text += ", no x_true";
  return text + ">";
}

}  // namespace

void bind_problems(py::module_& m) {
  py::class_<Problem, std::shared_ptr<Problem>> problem(
      m, "Problem",
      "A matrix-sensing problem: training and test measurements of an n1 x n2 matrix, with the ground truth\n"
      "when it is known. Immutable; build one with Problem.synthetic, rectangular, image, generate, load,\n"
      "from_arrays or from_sparse.");

  const auto generate = [](const std::string& kind, const std::string& op, Index n, Index n2, Index rank,
                           Index measurements, double fraction, Index test, double noise, std::optional<double> noise_abs,
                           double scale, std::uint64_t seed, const std::string& image, Index resize, double max_memory,
                           const std::string& popularity, double popularity_exponent) {
    const GenerateOptions o = generate_options(kind, op, n, n2, rank, measurements, fraction, test, noise, noise_abs,
                                               scale, seed, image, resize, max_memory, popularity, popularity_exponent);
    py::gil_scoped_release release;
    return generate_problem(o);
  };
  problem.def_static("generate", generate, py::kw_only(), py::arg("problem") = "synthetic",
                     py::arg("operator") = "gaussian", py::arg("n") = 10, py::arg("n2") = 0, py::arg("rank") = 6,
                     py::arg("measurements") = 0, py::arg("fraction") = 0.0, py::arg("test") = -1,
                     py::arg("noise") = 0.01, py::arg("noise_abs") = py::none(), py::arg("scale") = 0.0,
                     py::arg("seed") = 0, py::arg("image") = "", py::arg("resize") = 0, py::arg("max_memory") = 2.0,
                     py::arg("popularity") = GenerateOptions{}.popularity,
                     py::arg("popularity_exponent") = GenerateOptions{}.popularity_exponent,
                     "Draws a seeded problem with every option of `snnsense generate` (same seed, same arrays).\n"
                     "problem = synthetic | rectangular | image | fashion-mnist (the first n training images as rows).\n"
                     "popularity = uniform | power-law: how often completion observes each row and column.\n"
                     "noise is a fraction of the RMS of the clean measurements (0.01: SNR 40 dB); noise_abs, when\n"
                     "given, is the absolute standard deviation instead (the paper's experiments: 0.01).");
  problem.def_static(
      "synthetic",
      [generate](Index n, Index rank, const std::string& op, Index measurements, double fraction, Index test,
                 double noise, std::optional<double> noise_abs, double scale, std::uint64_t seed, double max_memory) {
        return generate("synthetic", op, n, 0, rank, measurements, fraction, test, noise, noise_abs, scale, seed, "", 0,
                        max_memory, "uniform", 1.0);
      },
      py::kw_only(), py::arg("n") = 10, py::arg("rank") = 6, py::arg("operator") = "gaussian",
      py::arg("measurements") = 0, py::arg("fraction") = 0.0, py::arg("test") = -1, py::arg("noise") = 0.01,
      py::arg("noise_abs") = py::none(), py::arg("scale") = 0.0, py::arg("seed") = 0, py::arg("max_memory") = 2.0,
      "The paper's X* = W W^T (W n x rank, U(0,1) entries, unit nuclear norm) under a measurement design:\n"
      "operator = gaussian | spectral | completion | rank-one. measurements=0 is round(0.75 n^2), test=-1 as\n"
      "many as training.");
  problem.def_static(
      "rectangular",
      [generate](Index n1, Index n2, Index rank, const std::string& op, Index measurements, double fraction,
                 Index test, double noise, std::optional<double> noise_abs, double scale, std::uint64_t seed,
                 double max_memory, const std::string& popularity, double popularity_exponent) {
        return generate("rectangular", op, n1, n2, rank, measurements, fraction, test, noise, noise_abs, scale, seed,
                        "", 0, max_memory, popularity, popularity_exponent);
      },
      py::kw_only(), py::arg("n1"), py::arg("n2"), py::arg("rank"), py::arg("operator") = "gaussian",
      py::arg("measurements") = 0, py::arg("fraction") = 0.0, py::arg("test") = -1, py::arg("noise") = 0.01,
      py::arg("noise_abs") = py::none(), py::arg("scale") = 0.0, py::arg("seed") = 0, py::arg("max_memory") = 2.0,
      py::arg("popularity") = GenerateOptions{}.popularity,
      py::arg("popularity_exponent") = GenerateOptions{}.popularity_exponent,
      "X* = G1 G2^T with Gaussian factors, unit nuclear norm. With operator='completion', popularity='power-law'\n"
      "draws rows and columns with probability proportional to rank^-popularity_exponent, as in ratings data.");
  problem.def_static(
      "image",
      [generate](const std::string& image, const std::string& op, Index measurements, double fraction, Index test,
                 double noise, std::optional<double> noise_abs, double scale, std::uint64_t seed, Index resize,
                 double max_memory) {
        return generate("image", op, 0, 0, 0, measurements, fraction, test, noise, noise_abs, scale, seed, image,
                        resize, max_memory, "uniform", 1.0);
      },
      py::arg("image") = "fashion-mnist:0", py::kw_only(), py::arg("operator") = "gaussian",
      py::arg("measurements") = 0, py::arg("fraction") = 0.0, py::arg("test") = -1, py::arg("noise") = 0.01,
      py::arg("noise_abs") = py::none(), py::arg("scale") = 0.0, py::arg("seed") = 0, py::arg("resize") = 0,
      py::arg("max_memory") = 2.0,
      "An image as X* (gray levels / nuclear norm): a PNG/JPEG path, or fashion-mnist:INDEX /\n"
      "fashion-mnist-train:INDEX. measurements=0 is round(0.6 n1 n2), 470 for 28 x 28.");
  problem.def_static(
      "load",
      [](const std::filesystem::path& dir) {
        py::gil_scoped_release release;
        return load_problem(dir);
      },
      py::arg("dir"), "Reads a problem directory (problem.json and .npy arrays), checking every file.");
  problem.def_static("from_arrays", &problem_from_arrays, py::arg("y") = py::none(), py::kw_only(),
                     py::arg("A") = py::none(), py::arg("rows") = py::none(), py::arg("cols") = py::none(),
                     py::arg("left") = py::none(), py::arg("right") = py::none(), py::arg("phi") = py::none(),
                     py::arg("psi") = py::none(), py::arg("coefficients") = py::none(), py::arg("shape") = py::none(),
                     py::arg("x_true") = py::none(), py::arg("test") = 0, py::arg("noise") = 0.0,
                     py::arg("pixel_scale") = 0.0,
                     "A problem from your own arrays, with exactly one operator:\n"
                     "  A: dense, m x (n1*n2) (C order, with shape= or x_true) or m x n1 x n2;\n"
                     "  rows, cols: completion, integer indices of the observed entries (with shape= or x_true);\n"
                     "  left, right: rank-one A_i = outer(left[i], right[i]);\n"
                     "  phi, psi, coefficients: well-specified A_i = phi @ diag(coefficients[i]) @ psi.T.\n"
                     "y holds all m values (training first); None measures x_true without noise. The last `test`\n"
                     "measurements are held out. pixel_scale > 0 marks an image (x_true = pixels / pixel_scale).");
  bind_sparse(problem);
  problem.def(
      "save",
      [](const Problem& p, const std::filesystem::path& dir, bool force) {
        py::gil_scoped_release release;
        // Like the CLI: the directory appears complete or not at all.
        StagingDirectory staging(dir, force);
        save_problem(p, staging.path());
        staging.commit();
      },
      py::arg("dir"), py::kw_only(), py::arg("force") = false,
      "Writes the problem directory `dir` (force=True replaces an existing one).");

  problem.def_property_readonly("n1", [](const Problem& p) { return p.n1; })
      .def_property_readonly("n2", [](const Problem& p) { return p.n2; })
      .def_property_readonly("shape", [](const Problem& p) { return py::make_tuple(p.n1, p.n2); })
      .def_property_readonly("operator_kind", [](const Problem& p) { return to_string(p.operator_kind()); })
      .def_property_readonly("train_operator", [](const Problem& p) { return operator_object(p.train_operator); })
      .def_property_readonly("test_operator", [](const Problem& p) { return operator_object(p.test_operator); })
      .def_property_readonly("train_y", [](const Problem& p) { return p.train_y; })
      .def_property_readonly("test_y", [](const Problem& p) { return p.test_y; })
      .def_property_readonly("y", &all_y, "All measured values, training first (y.npy).")
      .def_property_readonly("train_count", &Problem::train_count)
      .def_property_readonly("test_count", &Problem::test_count)
      .def_property_readonly("x_true", [](const Problem& p) { return p.x_true; }, "X* (unit nuclear norm) or None.")
      .def_property_readonly(
          "x_true_left", [](const Problem& p) { return p.x_true_factors ? std::optional<Matrix>(p.x_true_factors->left) : std::nullopt; },
          "L of X* = L @ R.T (n1 x k) for a problem too large for a dense X* (then x_true is None), else None.")
      .def_property_readonly(
          "x_true_right", [](const Problem& p) { return p.x_true_factors ? std::optional<Matrix>(p.x_true_factors->right) : std::nullopt; },
          "R of X* = L @ R.T (n2 x k), or None.")
      .def_property_readonly(
          "basis",
          [](const Problem& p) -> py::object {
            if (!p.basis) return py::none();
            return py::make_tuple(p.basis->phi, p.basis->psi);
          },
          "(phi, psi) of a well-specified problem, or None.")
      .def_property_readonly("is_image", &Problem::is_image)
      .def_property_readonly("pixel_scale", [](const Problem& p) { return p.pixel_scale; },
                             "X = pixels / pixel_scale for images; 0 otherwise.")
      .def_property_readonly("noise", [](const Problem& p) { return p.noise; })
      .def_property_readonly("snr_db", &signal_to_noise_db,
                             "20 log10(RMS(A(X*)) / noise) in dB (inf without noise; estimated from y without x_true).")
      .def_property_readonly("provenance", [](const Problem& p) { return to_python(p.provenance); },
                             "How the problem was made (problem.json's provenance).")
      .def_property_readonly("row_ids", [](const Problem& p) { return p.row_ids; },
                             "The user's id of each row of an imported problem whose ids were labels, or None.")
      .def_property_readonly("col_ids", [](const Problem& p) { return p.col_ids; },
                             "The user's id of each column of an imported problem whose ids were labels, or None.")
      .def("__repr__", &describe);
}

}  // namespace snnsense::python
