#include "snnsense/training/run_files.hpp"

#include "snnsense/io/file_error.hpp"
#include "snnsense/io/image.hpp"
#include "snnsense/io/json_file.hpp"
#include "snnsense/io/npy.hpp"

namespace snnsense {

namespace {

// A factored estimate is also saved densely (X.npy, X.png) up to this many entries (8 MB): small
// problems stay a plot away whichever form computed them.
constexpr double kDenseCopyEntries = 1e6;

void save_dense(const std::filesystem::path& dir, const Matrix& X, const Problem& problem) {
  npy::write_matrix(dir / "X.npy", X);
  if (problem.is_image()) write_png(dir / "X.png", problem.pixel_scale * X);
}

void save_estimate(const std::filesystem::path& dir, const Estimate& estimate, const Problem& problem) {
  if (const Matrix* X = estimate.dense_form()) {
    save_dense(dir, *X, problem);
  } else if (const FactoredForm* factored = estimate.factored_form()) {
    npy::write_matrix(dir / "X_left.npy", factored->left);
    npy::write_matrix(dir / "X_right.npy", factored->Q);
    if (static_cast<double>(estimate.rows()) * static_cast<double>(estimate.cols()) <= kDenseCopyEntries)
      save_dense(dir, factored->left * factored->Q.transpose(), problem);
  }
}

Matrix read_finite_matrix(const std::filesystem::path& file) {
  Matrix M = npy::read_matrix(file);
  if (!M.allFinite()) throw_file_error(file, "contains non-finite values");
  return M;
}

// The factors when the run has them (X.npy beside them is a copy for plotting), else X.npy.
EstimatePtr load_estimate(const std::filesystem::path& dir) {
  if (!std::filesystem::exists(dir / "X_left.npy")) {
    if (!std::filesystem::exists(dir / "X.npy"))
      throw_file_error(dir / "X.npy", "no such file (the run has no reconstruction)");
    return std::make_shared<DenseEstimate>(read_finite_matrix(dir / "X.npy"));
  }
  const Matrix left = read_finite_matrix(dir / "X_left.npy");
  const Matrix right = read_finite_matrix(dir / "X_right.npy");
  if (left.cols() != right.cols() || left.cols() > left.rows() || right.cols() > right.rows())
    throw_file_error(dir / "X_right.npy", "is " + std::to_string(right.rows()) + " x " + std::to_string(right.cols()) +
                                              " but X_left.npy is " + std::to_string(left.rows()) + " x " +
                                              std::to_string(left.cols()) + " (thin factors of equal width needed)");
  return std::make_shared<FactoredEstimate>(FactoredEstimate::from_factors(left, right));
}

}  // namespace

void RunFiles::save(const std::filesystem::path& dir, const Problem& problem) const {
  write_json(dir / "config.json", config);
  write_json(dir / "summary.json", summary);
  if (estimate) save_estimate(dir, *estimate, problem);
  if (params) npy::write_vector(dir / "params.npy", *params);
  if (dual) npy::write_vector(dir / "dual.npy", *dual);
  if (trace) {
    trace->write_csv(dir / "trace.csv");
    trace->write_singular_values_csv(dir / "singular_values.csv");
  }
}


RunFiles load_run(const std::filesystem::path& dir) {
  if (!std::filesystem::is_directory(dir)) throw_file_error(dir, "no such run directory");
  // A problem directory is the likeliest mix-up: name it rather than report its missing config.json.
  if (!std::filesystem::exists(dir / "config.json")) {
    if (std::filesystem::exists(dir / "problem.json"))
      throw_file_error(dir, "is a problem directory (it holds problem.json), not a run directory; give the run "
                            "directory that train, solve or compare wrote");
    throw_file_error(dir, "not a run directory (no config.json; train, solve and compare write run directories)");
  }
  RunFiles run;
  run.config = read_json(dir / "config.json");
  run.summary = read_json(dir / "summary.json");
  run.estimate = load_estimate(dir);
  if (std::filesystem::exists(dir / "params.npy")) run.params = npy::read_vector(dir / "params.npy");
  return run;
}

}  // namespace snnsense
