#pragma once
// What `solve` computes and how hard it tries. Every field has a default; validate() names the
// CLI option at fault before any work starts.
#include <array>
#include <atomic>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "snnsense/core/enum_names.hpp"
#include "snnsense/convex/gram_pseudo_inverse.hpp"
#include "snnsense/convex/kkt_residual.hpp"

namespace snnsense {

// admm: minimise ||X||_* subject to A(X) = P(y).
// apg: minimise 1/2 ||A(X) - y||^2 + lambda ||X||_*.
// basis_pursuit: the equality problem of admm as a linear programme on the shared singular values
//   of a well-specified problem. automatic: basis_pursuit where it applies, admm otherwise.
// soft_impute: apg's problem along a path of lambdas for completion problems at scale, kept in
//   factors (soft_impute.hpp); it has its own options and result, so solve() refuses it.
enum class SolveMethod { automatic, admm, apg, basis_pursuit, soft_impute };

// Listed with automatic last, as the accepted names are listed in messages.
template <>
struct EnumNames<SolveMethod> {
  static constexpr std::array<std::pair<SolveMethod, std::string_view>, 5> table{
      {{SolveMethod::admm, "admm"},
       {SolveMethod::apg, "apg"},
       {SolveMethod::basis_pursuit, "basis-pursuit"},
       {SolveMethod::soft_impute, "soft-impute"},
       {SolveMethod::automatic, "auto"}}};
};

// Throws InputError naming --method and the accepted names.
inline SolveMethod solve_method_from_string(const std::string& name) {
  return enum_from_string<SolveMethod>(name, "--method: unknown method");
}

struct SolveOptions {
  SolveMethod method = SolveMethod::automatic;
  std::optional<double> lambda;  // the nuclear-norm weight of apg, which requires it
  double tolerance = 1e-8;       // on the relative primal and dual residuals
  Index max_iterations = 50000;  // ADMM / APG iterations, simplex pivots
  double rank_tolerance = kDefaultRankTolerance;  // for the KKT residual
  Index dense_gram_limit = kDenseGramLimit;       // form A A* up to this many measurements
  // The memory a solve may take, in GB (1e9 bytes); 0: the machine's available memory. solve()
  // refuses a method whose estimate (convex/solve_memory.hpp) exceeds it before it starts. A
  // limit, not a setting of the solve: not part of to_json().
  double max_memory_gb = 0.0;
  // Once raised, admm and apg stop after the current iteration with status interrupted (the
  // simplex of basis-pursuit runs on small problems and is not interrupted). Not an option of the
  // solve itself: not part of to_json().
  const std::atomic<bool>* interrupt = nullptr;

  void validate() const;
  nlohmann::json to_json() const;
};

}  // namespace snnsense
