// Completion problems from and to scipy.sparse: Problem.from_sparse and Problem.to_sparse.
#include <optional>
#include <string>

#include "bindings.hpp"
#include "snnsense/core/error.hpp"
#include "snnsense/operators/completion_operator.hpp"
#include "snnsense/problems/completion_problem.hpp"
#include "snnsense/problems/distinct_entries.hpp"
#include "snnsense/problems/entry_split.hpp"

namespace snnsense::python {

namespace {

// Observed entries from any scipy.sparse matrix or array (through .tocoo(), explicit zeros kept)
// or from (rows, cols, values) arrays, split like `snnsense import --test-fraction`.
Problem problem_from_sparse(const py::object& matrix, double test_fraction, std::uint64_t seed,
                            const std::optional<std::pair<Index, Index>>& shape) {
  py::object rows, cols, values;
  std::optional<std::pair<Index, Index>> extent = shape;
  if (py::isinstance<py::tuple>(matrix) || py::isinstance<py::list>(matrix)) {
    const auto parts = matrix.cast<py::sequence>();
    if (parts.size() != 3) throw InputError("from_sparse: expected (rows, cols, values), got " + std::to_string(parts.size()) + " arrays");
    rows = parts[0];
    cols = parts[1];
    values = parts[2];
  } else if (py::hasattr(matrix, "tocoo")) {
    const py::object coo = matrix.attr("tocoo")();
    rows = coo.attr("row");
    cols = coo.attr("col");
    values = coo.attr("data");
    const auto own = coo.attr("shape").cast<std::pair<Index, Index>>();
    if (shape && *shape != own)
      throw InputError("from_sparse: shape=" + shape_text(shape->first, shape->second) + " but the matrix is " +
                       shape_text(own.first, own.second));
    extent = own;
  } else {
    throw InputError("from_sparse: expected a scipy.sparse matrix or (rows, cols, values) arrays");
  }
  IndexVector r = index_vector(rows, "rows"), c = index_vector(cols, "cols");
  const auto v = py::array_t<double, py::array::c_style | py::array::forcecast>::ensure(values);
  if (!v || v.ndim() != 1 || v.shape(0) != r.size() || r.size() != c.size())
    throw InputError("from_sparse: rows, cols and values must be 1-D arrays of one length");
  const Vector y = Eigen::Map<const Vector>(v.data(), v.shape(0));
  if (r.size() == 0) throw InputError("from_sparse: no observed entries");
  if (!extent) extent = {r.maxCoeff() + 1, c.maxCoeff() + 1};
  if (const auto repeat = first_duplicate_entry(r, c))
    throw InputError("from_sparse: entry (" + std::to_string(repeat->row) + ", " + std::to_string(repeat->col) +
                     ") is given twice, as entries " + std::to_string(repeat->first) + " and " +
                     std::to_string(repeat->second) + "; each entry may be observed once (sum_duplicates() adds them)");
  const EntrySplit split = split_entries(r.size(), test_fraction, seed, "test_fraction");
  nlohmann::json provenance = {{"generator", "snnsense " SNNSENSE_VERSION " (Python Problem.from_sparse)"},
                               {"entries", r.size()},
                               {"test_fraction", test_fraction},
                               {"seed", seed}};
  return completion_problem(extent->first, extent->second, r, c, y, split, std::move(provenance));
}

// One part of a completion problem as a scipy.sparse.coo_matrix of the problem's shape.
py::object to_sparse(const Problem& p, const std::string& part) {
  if (part != "train" && part != "test") throw InputError("to_sparse: part must be 'train' or 'test', got '" + part + "'");
  if (p.operator_kind() != OperatorKind::completion)
    throw InputError("to_sparse: a " + to_string(p.operator_kind()) + " problem does not observe single entries (only completion does)");
  const bool train = part == "train";
  const auto& entries = dynamic_cast<const CompletionOperator&>(*(train ? p.train_operator : p.test_operator));
  const Vector& values = train ? p.train_y : p.test_y;
  const py::module_ sparse = py::module_::import("scipy.sparse");
  return sparse.attr("coo_matrix")(py::make_tuple(values, py::make_tuple(entries.row_indices(), entries.col_indices())),
                                   py::arg("shape") = py::make_tuple(p.n1, p.n2));
}

}  // namespace

void bind_sparse(py::class_<Problem, std::shared_ptr<Problem>>& problem) {
  problem.def_static("from_sparse", &problem_from_sparse, py::arg("matrix"), py::kw_only(), py::arg("test_fraction") = 0.1,
                     py::arg("seed") = 0, py::arg("shape") = py::none(),
                     "A completion problem from observed entries: any scipy.sparse matrix or array (its stored\n"
                     "entries, explicit zeros included, are the observations), or (rows, cols, values) arrays with\n"
                     "0-based positions (shape= or the largest index + 1). round(test_fraction * entries) of them\n"
                     "are held out at random (seeded), as `snnsense import --test-fraction` does.");
  problem.def("to_sparse", &to_sparse, py::arg("part") = "train",
              "The training (part='train') or held-out (part='test') entries of a completion problem as a\n"
              "scipy.sparse.coo_matrix of shape (n1, n2); .tocsr() for rows, .tocsc() for columns.");
}

}  // namespace snnsense::python
