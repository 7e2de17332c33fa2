#include <gtest/gtest.h>

#include "convex_cases.hpp"
#include "snnsense/convex/solve.hpp"

using namespace snnsense;
using namespace snnsense::testing;

namespace {

SolveResult solve_with(SolveMethod method, const WellSpecified& problem, const Vector& y) {
  SolveOptions options;
  options.method = method;
  return solve(*problem.op, y, options, &problem.basis);
}

}  // namespace

TEST(BasisPursuit, AgreesWithAdmmOnRandomWellSpecifiedProblems) {
  // m < n: sparse diagonals; m >= n: the diagonal is determined, and m > n makes a rank
  // deficient, so y (Gaussian, not A of anything) has a part outside range(A) to project away.
  for (Index m : {5, 8, 10, 20, 30}) {
    for (std::uint64_t seed = 0; seed < 3; ++seed) {
      Rng rng(100 * m + seed);
      const WellSpecified problem = well_specified_operator(rng, m, 10);
      const Vector y = rng.normal_matrix(m, 1);
      const SolveResult lp = solve_with(SolveMethod::basis_pursuit, problem, y);
      const SolveResult admm = solve_with(SolveMethod::admm, problem, y);
      ASSERT_TRUE(lp.optimal());
      ASSERT_TRUE(admm.optimal()) << admm.brief_report();
      EXPECT_LT(relative_gap(admm.X, lp.X), 1e-6) << "m = " << m << ", seed " << seed;
      EXPECT_NEAR(admm.nuclear_norm, lp.nuclear_norm, 1e-8 * lp.nuclear_norm);
      // The LP's dual is an exact certificate: |a^T lambda| <= 1 to rounding.
      EXPECT_LT(lp.dual_residual, 1e-12);
      EXPECT_LT(lp.kkt.value, 1e-10);
    }
  }
}

TEST(BasisPursuit, ReturnsADiagonalInTheSharedBasis) {
  Rng rng(4);
  const WellSpecified problem = well_specified_operator(rng, 6, 10);
  const SolveResult lp = solve_with(SolveMethod::basis_pursuit, problem, rng.normal_matrix(6, 1));
  const Matrix core = problem.basis.phi.transpose() * lp.X * problem.basis.psi;
  EXPECT_LT((core - Matrix(core.diagonal().asDiagonal())).norm(), 1e-13 * core.norm());
  // A vertex of the LP: at most m non-zero singular values.
  EXPECT_LE((core.diagonal().array().abs() > 1e-12).count(), 6);
}

TEST(BasisPursuit, AutoPicksItForWellSpecifiedProblemsOnly) {
  Rng rng(2);
  const WellSpecified problem = well_specified_operator(rng, 5, 6);
  EXPECT_EQ(resolve_method(SolveMethod::automatic, *problem.op, &problem.basis), SolveMethod::basis_pursuit);
  EXPECT_EQ(resolve_method(SolveMethod::automatic, *problem.op, nullptr), SolveMethod::admm);
  const auto dense = gaussian_operator(rng, 5, 6, 6);
  EXPECT_EQ(resolve_method(SolveMethod::automatic, *dense, &problem.basis), SolveMethod::admm);
  EXPECT_THROW(resolve_method(SolveMethod::basis_pursuit, *dense, &problem.basis), InputError);
}
