#include "snnsense/convex/soft_impute.hpp"

#include <Eigen/QR>
#include <algorithm>
#include <chrono>
#include <cmath>
#include <iomanip>
#include <limits>
#include <sstream>

#include "snnsense/convex/sparse_plus_low_rank.hpp"
#include "snnsense/core/error.hpp"
#include "snnsense/diagnostics/reconstruction_metrics.hpp"
#include "snnsense/io/atomic_file.hpp"

namespace snnsense {

namespace {

// The truncated SVD asks for the previous rank plus this margin, and doubles the request while
// its smallest singular value still exceeds the threshold, so the thresholding is exact up to
// max_rank.
constexpr Index kRankMargin = 5;
// soft_impute_memory_bytes: doubles per observed entry (residual, fitted values, the test side's)
// and per row of a factor at the largest rank (left and right, previous, best, the SVD's vectors,
// the Lanczos basis of about twice the rank).
constexpr double kDoublesPerEntry = 4.0;
constexpr double kDoublesPerFactorRow = 12.0;

constexpr double kTiny = std::numeric_limits<double>::min();
// A singular value within the Lanczos accuracy (sparse_plus_low_rank.cpp) of the threshold is
// indistinguishable from it and thresholds to zero: at lambda_max the leading one equals tau up to
// rounding, and X = 0 must come out exactly.
constexpr double kThresholdSlack = 1e-11;

using Clock = std::chrono::steady_clock;

std::string number(double value) {
  std::ostringstream out;
  out << value;
  return out.str();
}

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// The largest number of times one entry is observed.
Index largest_multiplicity(const CompletionOperator& op) {
  std::vector<Index> keys(static_cast<std::size_t>(op.measurements()));
  for (Index i = 0; i < op.measurements(); ++i)
    keys[static_cast<std::size_t>(i)] = op.row_indices()(i) * op.cols() + op.col_indices()(i);
  std::sort(keys.begin(), keys.end());
  Index largest = keys.empty() ? 1 : 0;
  for (std::size_t i = 0; i < keys.size();) {
    std::size_t j = i;
    while (j < keys.size() && keys[j] == keys[i]) ++j;
    largest = std::max(largest, static_cast<Index>(j - i));
    i = j;
  }
  return largest;
}

// ||new_left new_right^T - old_left old_right^T||_F without forming either: with B = [new_right,
// old_right] = Q R (Q orthonormal), the difference is [new_left, -old_left] R^T Q^T and Q keeps
// the norm. The subtraction happens entry by entry of an n1 x 2k matrix, so a small change is
// measured accurately (expanding the squares would lose it to cancellation).
double factored_difference_norm(const Matrix& new_left, const Matrix& new_right, const Matrix& old_left,
                                const Matrix& old_right) {
  const Index k = new_left.cols() + old_left.cols();
  if (k == 0) return 0.0;
  Matrix L(new_left.rows(), k), B(new_right.rows(), k);
  L << new_left, -old_left;
  B << new_right, old_right;
  if (B.rows() <= k) return (L * B.transpose()).norm();  // a narrow side: the product is small
  const Eigen::HouseholderQR<Matrix> qr(B);
  const Matrix R = qr.matrixQR().topRows(k).triangularView<Eigen::Upper>();
  return (L * R.transpose()).norm();
}

std::vector<double> lambda_path(const SoftImputeOptions& options, double lambda_max) {
  if (!options.lambdas.empty()) return options.lambdas;
  std::vector<double> path;
  for (Index j = 0; j < options.path_length; ++j) {
    const double fraction = options.path_length == 1 ? 0.0 : static_cast<double>(j) / static_cast<double>(options.path_length - 1);
    path.push_back(lambda_max * std::pow(options.path_ratio, fraction));
  }
  return path;
}

}  // namespace

void SoftImputeOptions::validate() const {
  if (lambdas.empty()) {
    if (path_length <= 0) throw InputError("--path-length: must be a positive integer, got " + std::to_string(path_length));
    if (!(path_ratio > 0.0 && path_ratio <= 1.0))
      throw InputError("--path-ratio: must lie in (0, 1], got " + number(path_ratio));
    if (lambda_max && !(std::isfinite(*lambda_max) && *lambda_max > 0.0))
      throw InputError("--lambda-max: must be a positive number, got " + number(*lambda_max));
  } else {
    for (std::size_t j = 0; j < lambdas.size(); ++j) {
      if (!(std::isfinite(lambdas[j]) && lambdas[j] > 0.0))
        throw InputError("--lambdas: each lambda must be a positive number, got " + number(lambdas[j]));
      if (j > 0 && !(lambdas[j] < lambdas[j - 1]))
        throw InputError("--lambdas: must decrease strictly (the path warm-starts from larger lambdas), got " +
                         number(lambdas[j - 1]) + " then " + number(lambdas[j]));
    }
    if (lambda_max) throw InputError("--lambda-max: only for a generated path, not with --lambdas");
  }
  if (max_rank <= 0) throw InputError("--max-rank: must be a positive integer, got " + std::to_string(max_rank));
  if (!(tolerance > 0.0 && tolerance < 1.0)) throw InputError("--tol: must lie in (0, 1), got " + number(tolerance));
  if (max_iterations <= 0)
    throw InputError("--max-iters: must be a positive integer, got " + std::to_string(max_iterations));
  if (!(memory_limit_bytes > 0.0)) throw InputError("memory limit: must be positive, got " + number(memory_limit_bytes));
}

nlohmann::json SoftImputeOptions::to_json() const {
  return {{"method", "soft-impute"},
          {"path-length", lambdas.empty() ? path_length : static_cast<Index>(lambdas.size())},
          {"path-ratio", path_ratio},
          {"lambdas", lambdas},
          {"lambda-max", lambda_max ? nlohmann::json(*lambda_max) : nlohmann::json(nullptr)},
          {"max-rank", max_rank},
          {"tol", tolerance},
          {"max-iters", max_iterations},
          {"seed", seed}};
}

FactoredEstimate SoftImputeResult::estimate() const {
  if (left.cols() > 0) return FactoredEstimate::from_factors(left, right);
  Matrix unit = Matrix::Zero(right.rows(), 1);
  unit(0, 0) = 1.0;
  return FactoredEstimate::from_factors(Matrix::Zero(left.rows(), 1), unit);
}

bool SoftImputeResult::converged() const {
  if (interrupted) return false;
  return std::all_of(path.begin(), path.end(), [](const SoftImputePoint& p) { return p.converged && !p.rank_capped; });
}

std::string SoftImputeResult::brief_report() const {
  std::ostringstream out;
  out << "soft-impute: " << path.size() << " lambdas from " << lambda_max;
  if (!path.empty()) {
    const SoftImputePoint& b = best_point();
    Index iterations = 0;
    for (const SoftImputePoint& p : path) iterations += p.iterations;
    out << ", best lambda " << b.lambda << " (rank " << b.rank << ", train RMSE " << b.train_rmse;
    if (b.test_rmse) out << ", test RMSE " << *b.test_rmse;
    out << "), " << iterations << " iterations";
  }
  out << (interrupted ? ", interrupted" : converged() ? ", converged" : ", not converged") << ", " << std::fixed
      << std::setprecision(2) << seconds << " s";
  return out.str();
}

nlohmann::json SoftImputeResult::to_json() const {
  nlohmann::json rows = nlohmann::json::array();
  for (const SoftImputePoint& p : path)
    rows.push_back({{"lambda", p.lambda},
                    {"rank", p.rank},
                    {"nuclear_norm", p.nuclear_norm},
                    {"objective", p.objective},
                    {"train_rmse", p.train_rmse},
                    {"test_rmse", p.test_rmse ? nlohmann::json(*p.test_rmse) : nlohmann::json(nullptr)},
                    {"iterations", p.iterations},
                    {"relative_change", p.relative_change},
                    {"converged", p.converged},
                    {"rank_capped", p.rank_capped},
                    {"seconds", p.seconds}});
  nlohmann::json j = {{"method", "soft-impute"},
                      {"status", interrupted ? "interrupted" : converged() ? "converged" : "not_converged"},
                      {"lambda_max", lambda_max},
                      {"step", step},
                      {"memory_estimate_bytes", memory_bytes},
                      {"seconds", seconds},
                      {"path", rows}};
  if (!path.empty()) {
    j["best_index"] = best;
    j["best_lambda"] = best_point().lambda;
    j["best"] = rows[static_cast<std::size_t>(best)];
  }
  return j;
}

void SoftImputeResult::write_path_csv(const std::filesystem::path& file) const {
  write_file_atomically(file, [this](std::ostream& out) {
    out << std::setprecision(10);
    out << "lambda,rank,nuclear_norm,objective,train_rmse,test_rmse,iterations,relative_change,converged,rank_capped,"
           "seconds\n";
    for (const SoftImputePoint& p : path) {
      out << p.lambda << ',' << p.rank << ',' << p.nuclear_norm << ',' << p.objective << ',' << p.train_rmse << ',';
      if (p.test_rmse) out << *p.test_rmse;
      out << ',' << p.iterations << ',' << p.relative_change << ',' << (p.converged ? 1 : 0) << ','
          << (p.rank_capped ? 1 : 0) << ',' << p.seconds << '\n';
    }
  });
}

const CompletionOperator& soft_impute_operator(const Problem& problem) {
  const auto* op = dynamic_cast<const CompletionOperator*>(problem.train_operator.get());
  if (op == nullptr)
    throw InputError("--method: soft-impute needs a completion problem (observed entries), not a " +
                     (problem.train_operator ? to_string(problem.operator_kind()) : std::string("empty")) + " one");
  return *op;
}

double soft_impute_memory_bytes(Index n1, Index n2, Index measurements, Index max_rank) {
  const double k = static_cast<double>(std::min({max_rank, n1, n2}));
  return 8.0 * (kDoublesPerEntry * static_cast<double>(measurements) +
                kDoublesPerFactorRow * static_cast<double>(n1 + n2) * k);
}

void check_soft_impute(const Problem& problem, const SoftImputeOptions& options) {
  options.validate();
  const CompletionOperator& op = soft_impute_operator(problem);
  if (problem.train_y.size() != op.measurements())
    throw InputError("soft-impute: y has " + std::to_string(problem.train_y.size()) + " entries for " +
                     std::to_string(op.measurements()) + " measurements");
  if (!problem.train_y.allFinite()) throw InputError("soft-impute: the training measurements are not all finite");
  const double bytes = soft_impute_memory_bytes(op.rows(), op.cols(), op.measurements() + problem.test_count(),
                                                options.max_rank);
  if (bytes > options.memory_limit_bytes)
    throw InputError("--max-rank: soft-impute on " + std::to_string(op.rows()) + " x " + std::to_string(op.cols()) +
                     " with " + std::to_string(op.measurements()) + " entries would hold about " +
                     number(bytes / (1ull << 30)) + " GiB at rank " + std::to_string(options.max_rank) +
                     ", above the limit of " + number(options.memory_limit_bytes / (1ull << 30)) + " GiB");
}

SoftImputeResult solve_soft_impute(const Problem& problem, const SoftImputeOptions& options) {
  check_soft_impute(problem, options);
  const CompletionOperator& op = soft_impute_operator(problem);
  const Vector& y = problem.train_y;
  const auto start = Clock::now();
  const Index n1 = op.rows(), n2 = op.cols();
  SoftImputeResult result;
  result.memory_bytes = soft_impute_memory_bytes(n1, n2, op.measurements() + problem.test_count(), options.max_rank);
  const auto* test_op = dynamic_cast<const CompletionOperator*>(problem.test_operator.get());
  const bool held_out = test_op != nullptr && test_op->measurements() > 0;

  result.step = 1.0 / static_cast<double>(largest_multiplicity(op));
  const double t = result.step;
  const Index rank_limit = std::min({options.max_rank, n1, n2});
  result.lambda_max = options.lambda_max ? *options.lambda_max
                                          : SparsePlusLowRank(op, y, Matrix(n1, 0), Matrix(n2, 0)).truncated_svd(1, options.seed).s(0);
  if (!(result.lambda_max > 0.0) && options.lambdas.empty())
    throw InputError("--lambda-max: the training measurements are all zero (||A*(y)||_2 = 0), so the generated path "
                     "is empty; give --lambdas");
  const std::vector<double> lambdas = lambda_path(options, result.lambda_max);

  Matrix left = Matrix::Zero(n1, 0), right = Matrix::Zero(n2, 0);  // X = left right^T
  double best_test = std::numeric_limits<double>::infinity();
  std::uint64_t svd_seed = options.seed;
  TruncatedSvd last_svd;  // warm-starts the next truncated SVD
  for (const double lambda : lambdas) {
    const auto lambda_start = Clock::now();
    const double tau = t * lambda;
    SoftImputePoint point;
    point.lambda = lambda;
    while (point.iterations < options.max_iterations) {
      if (options.interrupt && options.interrupt->load()) {
        result.interrupted = true;
        break;
      }
      const Vector fitted = left.cols() > 0 ? op.apply_factored(left, right) : Vector::Zero(y.size());
      const SparsePlusLowRank Z(op, t * (y - fitted), left, right);
      // Ask for enough singular values that every one above tau is among them (up to the cap).
      Index k = std::min(rank_limit, left.cols() + kRankMargin);
      TruncatedSvd svd = Z.truncated_svd(k, ++svd_seed, &last_svd);
      const double cut = tau * (1.0 + kThresholdSlack);
      while (k < rank_limit && svd.s(k - 1) > cut) {
        k = std::min(rank_limit, 2 * k);
        svd = Z.truncated_svd(k, ++svd_seed, &last_svd);
      }
      Index rank = 0;
      while (rank < k && svd.s(rank) > cut) ++rank;
      point.rank_capped = rank == k && k == options.max_rank && k < std::min(n1, n2);
      const Vector d = (svd.s.head(rank).array() - tau).matrix();
      last_svd = svd;
      Matrix new_left = svd.U.leftCols(rank) * d.asDiagonal();
      Matrix new_right = svd.V.leftCols(rank);
      const double change = factored_difference_norm(new_left, new_right, left, right);
      const double size = std::sqrt((new_left.transpose() * new_left).cwiseProduct(new_right.transpose() * new_right).sum());
      point.relative_change = change / std::max(size, kTiny);
      left = std::move(new_left);
      right = std::move(new_right);
      ++point.iterations;
      if (!std::isfinite(point.relative_change))
        throw NumericalError("soft-impute: the iterate is not finite at lambda " + number(lambda));
      if (point.relative_change <= options.tolerance) {
        point.converged = true;
        break;
      }
    }
    const Vector fitted = left.cols() > 0 ? op.apply_factored(left, right) : Vector::Zero(y.size());
    point.rank = left.cols();
    point.nuclear_norm = left.colwise().norm().sum();  // left = U diag(d), U orthonormal
    point.objective = 0.5 * (fitted - y).squaredNorm() + lambda * point.nuclear_norm;
    point.train_rmse = summarize_residual(fitted - y).rmse;
    if (held_out) {
      const Vector test_fitted =
          left.cols() > 0 ? test_op->apply_factored(left, right) : Vector::Zero(problem.test_y.size());
      point.test_rmse = summarize_residual(test_fitted - problem.test_y).rmse;
    }
    point.seconds = seconds_since(lambda_start);
    result.path.push_back(point);
    if (options.on_lambda) options.on_lambda(point, result.path.size() - 1, lambdas.size());
    // The best by held-out RMSE (ties keep the larger lambda, the simpler model); without held-out
    // entries, the last.
    if (!held_out || *point.test_rmse < best_test) {
      if (held_out) best_test = *point.test_rmse;
      result.best = static_cast<Index>(result.path.size()) - 1;
      result.left = left;
      result.right = right;
    }
    if (result.interrupted) break;
  }
  result.seconds = seconds_since(start);
  return result;
}

std::string point_line(const SoftImputePoint& p, std::size_t index, std::size_t count) {
  std::ostringstream out;
  out << "lambda " << p.lambda << " (" << index + 1 << "/" << count << "): rank " << p.rank << ", train RMSE "
      << p.train_rmse;
  if (p.test_rmse) out << ", test RMSE " << *p.test_rmse;
  out << ", " << p.iterations << " iterations" << (p.converged ? "" : " (not converged)")
      << (p.rank_capped ? ", rank capped" : "") << ", " << std::fixed << std::setprecision(1) << p.seconds << " s";
  return out.str();
}

}  // namespace snnsense
