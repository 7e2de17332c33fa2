#pragma once
// What a convex solve returns and what `solve` reports in summary.json.
#include <array>
#include <nlohmann/json.hpp>
#include <string>

#include "snnsense/core/enum_names.hpp"
#include "snnsense/convex/kkt_residual.hpp"
#include "snnsense/convex/solve_options.hpp"

namespace snnsense {

// optimal: both residuals reached the tolerance. iteration_cap: they had not when the iteration
// budget ran out; X is the last iterate and must not be read as a solution. interrupted: the
// options' interrupt flag was raised (Ctrl-C, SIGTERM); X is the last iterate, no solution either.
enum class SolveStatus { optimal, iteration_cap, interrupted };

template <>
struct EnumNames<SolveStatus> {
  static constexpr std::array<std::pair<SolveStatus, std::string_view>, 3> table{
      {{SolveStatus::optimal, "optimal"},
       {SolveStatus::iteration_cap, "iteration_cap"},
       {SolveStatus::interrupted, "interrupted"}}};
};

struct SolveResult {
  SolveMethod method = SolveMethod::admm;  // the one that ran (never automatic)
  SolveStatus status = SolveStatus::iteration_cap;
  Matrix X;
  Index iterations = 0;
  // Relative, as compared with the tolerance. admm: ||X - Z|| / max(||X||, ||Z||) and
  // rho ||Z - Z_prev|| / ||rho U|| of the splitting X = Z. apg: the relative step
  // ||X_k - X_k-1|| / ||X_k|| and the relative duality gap (objective - dual) / objective.
  // basis-pursuit: ||a d - P(y)|| / ||P(y)|| and the dual infeasibility max(0, ||a^T lambda||_inf - 1).
  double primal_residual = 0.0;
  double dual_residual = 0.0;
  double nuclear_norm = 0.0;
  double objective = 0.0;  // ||X||_*, or 1/2 ||A(X) - y||^2 + lambda ||X||_* for apg
  // The solver's dual vector: A*(lambda) approximates a subgradient of ||.||_* at X. For apg it is
  // (y - A(X)) / lambda, the dual of the penalised problem.
  Vector lambda;
  KktResidual kkt;  // of the equality problem, with the better of lambda and a fitted certificate
  double seconds = 0.0;

  bool optimal() const { return status == SolveStatus::optimal; }
  // One line: method, status, iterations, nuclear norm, residuals, KKT residual, time.
  std::string brief_report() const;
  nlohmann::json to_json() const;  // every scalar above, with kkt's components
};

}  // namespace snnsense
