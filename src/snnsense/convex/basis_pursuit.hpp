#pragma once
// The well-specified fast path. When every A_i = Phi diag(a_i) Psi^T, <A_i, X> = a_i . diag(Phi^T X Psi),
// and the minimum nuclear norm subject to A(X) = P(y) is X = Phi diag(d) Psi^T with d the solution
// of basis pursuit,
//
//     minimise ||d||_1  subject to  a d = P(y),
//
// solved exactly as a linear programme in d = u - v, u, v >= 0. The coefficient matrix a (m x k) is
// read through the operator interface, a_ij = <A_i, phi_j psi_j^T>, so any operator that is
// well-specified in the given basis qualifies. An engine of solve(), which adds the KKT residual
// and the time.
#include "snnsense/convex/solve_result.hpp"
#include "snnsense/linalg/spectral_basis.hpp"
#include "snnsense/operators/measurement_operator.hpp"

namespace snnsense {

SolveResult solve_basis_pursuit(const MeasurementOperator& op, const SpectralBasis& basis, const Vector& y,
                                const SolveOptions& options);

}  // namespace snnsense
