#include "snnsense/convex/solve.hpp"

#include <chrono>
#include <stdexcept>

#include "snnsense/convex/admm.hpp"
#include "snnsense/convex/apg.hpp"
#include "snnsense/convex/basis_pursuit.hpp"
#include "snnsense/convex/solve_memory.hpp"
#include "snnsense/core/error.hpp"

namespace snnsense {

bool is_well_specified(const MeasurementOperator& op, const SpectralBasis* basis) {
  return basis != nullptr && op.kind() == OperatorKind::spectral && basis->phi.rows() == op.rows() &&
         basis->psi.rows() == op.cols();
}

SolveMethod resolve_method(SolveMethod requested, const MeasurementOperator& op, const SpectralBasis* basis) {
  const bool well_specified = is_well_specified(op, basis);
  if (requested == SolveMethod::automatic) return well_specified ? SolveMethod::basis_pursuit : SolveMethod::admm;
  if (requested == SolveMethod::basis_pursuit && !well_specified)
    throw InputError("--method: basis-pursuit needs a well-specified problem (a spectral operator with its basis), not a " +
                     to_string(op.kind()) + " one; use admm");
  if (requested == SolveMethod::soft_impute)
    throw InputError("--method: soft-impute solves a path of lambdas with its own options and result "
                     "(solve_soft_impute, or snnsense solve --method soft-impute), not through solve()");
  return requested;
}

SolveResult solve(const MeasurementOperator& op, const Vector& y, const SolveOptions& options,
                  const SpectralBasis* basis) {
  options.validate();
  if (y.size() != op.measurements())
    throw InputError("solve: y has " + std::to_string(y.size()) + " entries for " + std::to_string(op.measurements()) +
                     " measurements");
  const SolveMethod method = resolve_method(options.method, op, basis);
  check_solve_memory(op, method, options);
  const auto start = std::chrono::steady_clock::now();
  SolveResult result;
  switch (method) {
    case SolveMethod::basis_pursuit: result = solve_basis_pursuit(op, *basis, y, options); break;
    case SolveMethod::apg: result = solve_apg(op, y, *options.lambda, options); break;
    case SolveMethod::admm: result = solve_admm(op, y, options); break;
    case SolveMethod::automatic:
    case SolveMethod::soft_impute: throw std::logic_error("resolve_method returned " + to_string(options.method));
  }
  const KktEvaluator kkt(op, y, options.rank_tolerance, options.dense_gram_limit);
  KktResidual own = kkt(result.X, result.lambda);
  KktResidual fitted = kkt(result.X);
  result.kkt = own.value <= fitted.value ? std::move(own) : std::move(fitted);
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return result;
}

SolveResult solve(const Problem& problem, const SolveOptions& options) {
  return solve(*problem.train_operator, problem.train_y, options, problem.basis ? &*problem.basis : nullptr);
}

}  // namespace snnsense
