#pragma once
// Soft-impute (Mazumder, Hastie and Tibshirani 2010): the convex reference for matrix completion
// at scale. For each lambda of a decreasing path it minimises
//
//     1/2 ||A(X) - y||^2 + lambda ||X||_*        (the unscaled loss, as apg; the trainer's is 1/(2m))
//
// over the training entries A of a completion problem, by the fixed-point iteration
// X <- S_{t lambda}(X + t A*(y - A(X))), S the singular value thresholding and t = 1/c, c the
// largest number of times one entry is observed (||A||^2 = c): with distinct entries t = 1 and
// X + A*(y - A(X)) = P_Omega(y) + P_Omega-complement(X), the classical soft-impute. The iterate is
// kept as factors X = left right^T and the matrix it thresholds as sparse plus low rank
// (sparse_plus_low_rank.hpp), so nothing n1 x n2 is formed: an iteration costs O(m k + (n1 + n2) k^2)
// plus the Lanczos products. Each lambda starts from the previous one's solution (warm start);
// the lambda with the smallest held-out RMSE is the answer (the last one without held-out entries).
#include <atomic>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <vector>

#include "snnsense/models/estimate.hpp"
#include "snnsense/operators/completion_operator.hpp"
#include "snnsense/problems/problem.hpp"

namespace snnsense {

struct SoftImputePoint;

struct SoftImputeOptions {
  // The path: path_length lambdas geometric from lambda_max down to path_ratio * lambda_max, unless
  // `lambdas` lists them (strictly decreasing, positive). lambda_max defaults to ||A*(y)||_2, the
  // smallest lambda whose solution is X = 0 (with t: ||t A*(y)||_2 <= t lambda).
  Index path_length = 10;
  double path_ratio = 1e-2;
  std::vector<double> lambdas;
  std::optional<double> lambda_max;
  Index max_rank = 100;             // the truncated SVD's largest rank; a lambda that needs more is capped
  double tolerance = 1e-5;          // on the relative change ||X_k - X_k-1||_F / ||X_k||_F
  Index max_iterations = 1000;      // per lambda
  std::uint64_t seed = 0;           // the Lanczos start vectors
  // The estimate of soft_impute_memory_bytes above which the solve is refused (16 GiB).
  double memory_limit_bytes = 16.0 * (1ull << 30);
  // Once raised, the path stops after the current iteration (not part of to_json()).
  const std::atomic<bool>* interrupt = nullptr;
  // Called after each lambda with its point and its index in the path (not part of to_json()):
  // the progress of a long path.
  std::function<void(const SoftImputePoint&, std::size_t index, std::size_t count)> on_lambda;

  // InputError naming the CLI option at fault.
  void validate() const;
  nlohmann::json to_json() const;
};

// One lambda of the path, at its last iterate; point_line() says it in one line.
struct SoftImputePoint {
  double lambda = 0.0;
  Index rank = 0;
  double nuclear_norm = 0.0;
  double objective = 0.0;  // 1/2 ||A(X) - y||^2 + lambda ||X||_*
  double train_rmse = 0.0;
  std::optional<double> test_rmse;  // with held-out entries
  Index iterations = 0;
  double relative_change = 0.0;  // of the last iteration
  bool converged = false;        // relative_change reached the tolerance
  bool rank_capped = false;      // more than max_rank singular values exceeded the threshold
  double seconds = 0.0;
};

// "lambda 1.25 (3/8): rank 50, train RMSE 0.0884, test RMSE 0.197, 40 iterations, 3.1 s".
std::string point_line(const SoftImputePoint& point, std::size_t index, std::size_t count);

struct SoftImputeResult {
  std::vector<SoftImputePoint> path;
  Index best = 0;  // index into path: smallest test RMSE, or the last lambda without held-out entries
  // The best lambda's solution, X = left right^T (left n1 x k = U diag(d), right n2 x k = V).
  Matrix left;
  Matrix right;
  double lambda_max = 0.0;
  double step = 1.0;  // t = 1 / (largest multiplicity of an entry)
  double memory_bytes = 0.0;  // the estimate the solve was admitted with
  bool interrupted = false;
  double seconds = 0.0;

  const SoftImputePoint& best_point() const { return path.at(static_cast<std::size_t>(best)); }
  // The best solution as an estimate; X = 0 is given one zero column (a factored estimate has a rank).
  FactoredEstimate estimate() const;
  // Every lambda converged and none was rank-capped or interrupted.
  bool converged() const;
  // One line: the path's length, the best lambda with its rank and RMSEs, iterations, time.
  std::string brief_report() const;
  nlohmann::json to_json() const;  // the scalars and the path
  // lambda,rank,nuclear_norm,objective,train_rmse,test_rmse,iterations,relative_change,converged,
  // rank_capped,seconds; one row per lambda, an empty test_rmse cell without held-out entries.
  void write_path_csv(const std::filesystem::path& file) const;
};

// The problem's training operator as a completion operator; InputError naming --method otherwise.
const CompletionOperator& soft_impute_operator(const Problem& problem);

// What a solve holds at most beyond the problem itself: the per-entry vectors and the factors,
// Krylov bases and copies of the iterate at the largest rank.
double soft_impute_memory_bytes(Index n1, Index n2, Index measurements, Index max_rank);

// Everything solve_soft_impute refuses before it starts, as InputError naming the option: the
// options (validate()), a problem that is not completion, training values that are not finite,
// and a memory estimate above the limit.
void check_soft_impute(const Problem& problem, const SoftImputeOptions& options);

// check_soft_impute, then the path.
SoftImputeResult solve_soft_impute(const Problem& problem, const SoftImputeOptions& options);

}  // namespace snnsense
