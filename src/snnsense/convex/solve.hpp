#pragma once
// The convex yardstick: minimum nuclear norm subject to the measurements (admm, or basis pursuit
// on well-specified problems), or the nuclear-norm penalised least squares (apg).
#include "snnsense/convex/solve_result.hpp"
#include "snnsense/problems/problem.hpp"

namespace snnsense {

// A spectral operator with its shared basis: the case basis pursuit solves exactly.
bool is_well_specified(const MeasurementOperator& op, const SpectralBasis* basis);

// automatic becomes basis_pursuit when well-specified, admm otherwise. Throws InputError naming
// --method when basis_pursuit is asked for a problem that is not well-specified.
SolveMethod resolve_method(SolveMethod requested, const MeasurementOperator& op, const SpectralBasis* basis);

// Validates the options, refuses a method whose memory estimate exceeds options.max_memory_gb
// (convex/solve_memory.hpp) before it starts, runs the method, and adds the KKT residual of the equality problem (the
// smaller of the solver's certificate and the fitted one, see kkt_residual.hpp) and the time.
SolveResult solve(const MeasurementOperator& op, const Vector& y, const SolveOptions& options,
                  const SpectralBasis* basis = nullptr);
// On the problem's training measurements.
SolveResult solve(const Problem& problem, const SolveOptions& options);

}  // namespace snnsense
