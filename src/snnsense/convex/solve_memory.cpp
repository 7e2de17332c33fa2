#include "snnsense/convex/solve_memory.hpp"

#include <algorithm>

namespace snnsense {

MemoryEstimate solve_memory(const MeasurementOperator& op, SolveMethod method, const SolveOptions& options) {
  const auto n1 = static_cast<double>(op.rows()), n2 = static_cast<double>(op.cols());
  const double entries = n1 * n2, k = std::min(n1, n2), m = static_cast<double>(op.measurements());
  // A thin SVD: dgesdd's copy of the matrix, U, V and the singular values.
  const double decomposition = entries + (n1 + n2) * k + k;
  MemoryEstimate memory;
  switch (method) {
    case SolveMethod::admm:
      // X, Z, U, the previous Z and the projection's two temporaries.
      memory.add_doubles("ADMM iterates", 6.0 * entries).add_doubles("singular value decompositions", decomposition);
      break;
    case SolveMethod::apg:
      // X, its predecessor, Y and three gradients.
      memory.add_doubles("APG iterates", 6.0 * entries).add_doubles("singular value decompositions", decomposition);
      break;
    case SolveMethod::basis_pursuit:
      // The LP's m x k design with its decomposition, the tableau, and the dense solution.
      memory.add_doubles("basis pursuit's linear programme", 3.0 * m * k + 2.0 * k * k)
          .add_doubles("solution", entries);
      break;
    case SolveMethod::automatic:
    case SolveMethod::soft_impute: break;
  }
  if (method != SolveMethod::basis_pursuit && op.measurements() <= options.dense_gram_limit)
    memory.add_doubles("Gram matrix A A* and its decomposition", 4.0 * m * m);
  // kkt_residual.hpp: the gradient, the tangent-space projection and a decomposition of X.
  memory.add_doubles("KKT residual", 3.0 * entries + decomposition).add_doubles("measurements", 4.0 * m);
  return memory;
}

void check_solve_memory(const MeasurementOperator& op, SolveMethod method, const SolveOptions& options) {
  const std::string way_out = op.kind() == OperatorKind::completion
                                  ? "use --method soft-impute, which keeps the iterate in factors"
                                  : "solve a smaller problem";
  check_memory(solve_memory(op, method, options), options.max_memory_gb,
               "--method " + to_string(method) + " on this " + std::to_string(op.rows()) + " x " +
                   std::to_string(op.cols()) + " problem",
               way_out);
}

}  // namespace snnsense
