#include "snnsense/problems/problem_io.hpp"

#include <optional>
#include <string>

#include "snnsense/core/error.hpp"
#include "snnsense/io/json_file.hpp"
#include "snnsense/io/npy.hpp"
#include "snnsense/problems/operator_files.hpp"
#include "snnsense/problems/problem_arrays.hpp"
#include "snnsense/problems/problem_manifest.hpp"

namespace snnsense {

namespace fs = std::filesystem;

namespace {

// row_ids.npy / col_ids.npy, written only for imported problems whose ids were labels: one id per
// row (column), ascending, so that they name the positions one to one.
void save_ids(const std::optional<IndexVector>& ids, Index extent, const fs::path& file) {
  if (!ids) return;
  if (ids->size() != extent)
    throw InputError("cannot save " + file.filename().string() + " with " + std::to_string(ids->size()) + " ids for " +
                     std::to_string(extent) + " positions");
  npy::write_index_vector(file, *ids);
}

std::optional<IndexVector> load_ids(const fs::path& file, Index extent) {
  std::error_code ec;
  if (!fs::exists(file, ec)) return std::nullopt;
  IndexVector ids = npy::read_index_vector(file);
  if (ids.size() != extent)
    throw FileError(file.string() + ": has " + std::to_string(ids.size()) + " ids, problem.json's shape needs " +
                    std::to_string(extent));
  for (Index k = 1; k < ids.size(); ++k)
    if (ids(k) <= ids(k - 1))
      throw FileError(file.string() + ": ids must be distinct and ascending, but entry " + std::to_string(k) + " (" +
                      std::to_string(ids(k)) + ") follows " + std::to_string(ids(k - 1)));
  return ids;
}

// x_true_left.npy / x_true_right.npy, X* = left right^T: the ground truth of a problem too large to
// store X_true.npy. Present or absent together; their presence is what marks a factored truth.
std::optional<LowRankFactors> load_truth_factors(const fs::path& dir, Index n1, Index n2) {
  const fs::path left_file = dir / "x_true_left.npy", right_file = dir / "x_true_right.npy";
  std::error_code ec;
  const bool has_left = fs::exists(left_file, ec), has_right = fs::exists(right_file, ec);
  if (!has_left && !has_right) return std::nullopt;
  if (has_left != has_right)
    throw FileError((has_left ? right_file : left_file).string() + ": missing (x_true_left.npy and x_true_right.npy " +
                    "hold X* = left right^T together)");
  Matrix left = read_checked_matrix(left_file, {n1, std::nullopt});
  Matrix right = read_checked_matrix(right_file, {n2, left.cols(), "x_true_left.npy and problem.json"});
  return LowRankFactors{std::move(left), std::move(right)};
}

}  // namespace

void save_problem(const Problem& problem, const fs::path& dir) {
  if (!problem.train_operator) throw InputError("cannot save a problem without a training operator");
  const Index m = problem.train_count(), t = problem.test_count();
  if (problem.train_y.size() != m || problem.test_y.size() != t)
    throw InputError("cannot save a problem with " + std::to_string(m) + " + " + std::to_string(t) + " measurements but " +
                     std::to_string(problem.train_y.size()) + " + " + std::to_string(problem.test_y.size()) + " values of y");
  if (problem.x_true && (problem.x_true->rows() != problem.n1 || problem.x_true->cols() != problem.n2))
    throw InputError("cannot save a problem whose ground truth is not " + std::to_string(problem.n1) + " x " +
                     std::to_string(problem.n2));
  if (const auto& f = problem.x_true_factors) {
    check_factor_shapes(*f, "cannot save the problem's ground truth");
    if (problem.x_true) throw InputError("cannot save a problem with both a dense and a factored ground truth");
    if (f->rows() != problem.n1 || f->cols() != problem.n2)
      throw InputError("cannot save a problem whose factored ground truth is not " + std::to_string(problem.n1) + " x " +
                       std::to_string(problem.n2));
  }

  // A missing test operator is an empty one of the training operator's kind.
  const OperatorPtr test = problem.test_operator ? problem.test_operator : problem.train_operator->slice(0, 0);
  save_operator_files(*problem.train_operator, *test, dir);
  Vector y(m + t);
  y.head(m) = problem.train_y;
  y.tail(t) = problem.test_y;
  npy::write_vector(dir / "y.npy", y);
  if (problem.x_true) npy::write_matrix(dir / "X_true.npy", *problem.x_true);
  if (problem.x_true_factors) {
    npy::write_matrix(dir / "x_true_left.npy", problem.x_true_factors->left);
    npy::write_matrix(dir / "x_true_right.npy", problem.x_true_factors->right);
  }
  save_ids(problem.row_ids, problem.n1, dir / "row_ids.npy");
  save_ids(problem.col_ids, problem.n2, dir / "col_ids.npy");

  const Manifest manifest{problem.n1,    problem.n2,          problem.operator_kind(),       m, t,
                          problem.noise, problem.pixel_scale, problem.x_true.has_value(), problem.provenance};
  write_json(dir / "problem.json", manifest_json(manifest));
}

Problem load_problem(const fs::path& dir) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) throw FileError(dir.string() + ": no such problem directory");
  const fs::path manifest_file = dir / "problem.json";
  const Manifest manifest = parse_manifest(read_json(manifest_file), manifest_file);

  const Index count = manifest.train + manifest.test;
  const OperatorPtr all = load_operator_files(manifest.kind, dir, manifest.n1, manifest.n2, count);
  const Vector y = read_checked_vector(dir / "y.npy", count);

  Problem problem = split_measurements(all, y, manifest.train);
  if (manifest.has_x_true) problem.x_true = read_checked_matrix(dir / "X_true.npy", {manifest.n1, manifest.n2});
  problem.x_true_factors = load_truth_factors(dir, manifest.n1, manifest.n2);
  if (problem.x_true && problem.x_true_factors)
    throw FileError((dir / "x_true_left.npy").string() + ": X* is stored twice (X_true.npy and its factors); keep one");
  problem.pixel_scale = manifest.pixel_scale;
  problem.noise = manifest.noise;
  problem.provenance = manifest.provenance;
  problem.row_ids = load_ids(dir / "row_ids.npy", manifest.n1);
  problem.col_ids = load_ids(dir / "col_ids.npy", manifest.n2);
  return problem;
}

}  // namespace snnsense
