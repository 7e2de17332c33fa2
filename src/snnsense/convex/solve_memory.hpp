#pragma once
// The memory a convex solve needs beyond the problem already loaded, and the refusal of one that
// does not fit: what solve() checks before the method starts. ADMM and APG hold several dense
// n1 x n2 iterates and decompose one per iteration, so a completion problem of 30000 x 30000
// needs tens of GB there, while soft-impute (its own estimate, soft_impute.hpp) keeps factors.
#include "snnsense/convex/solve_options.hpp"
#include "snnsense/core/memory_estimate.hpp"
#include "snnsense/operators/measurement_operator.hpp"

namespace snnsense {

// `method` is resolved (admm, apg or basis_pursuit): its iterates, its singular value
// decompositions, the Gram matrix A A* when formed (m up to options.dense_gram_limit), and the
// KKT residual computed after every solve.
MemoryEstimate solve_memory(const MeasurementOperator& op, SolveMethod method, const SolveOptions& options);

// InputError naming the estimate, the limit (options.max_memory_gb) and the way out
// (--method soft-impute for a completion problem, a smaller problem otherwise).
void check_solve_memory(const MeasurementOperator& op, SolveMethod method, const SolveOptions& options);

}  // namespace snnsense
