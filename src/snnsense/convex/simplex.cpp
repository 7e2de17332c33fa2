#include "snnsense/convex/simplex.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

#include "snnsense/core/error.hpp"

namespace snnsense {

namespace {

// Reduced costs above -kCostTolerance count as non-negative; pivots need |entry| > kPivotTolerance.
// The data are scaled to unit size (orthonormal rows, unit costs), so absolute tolerances work.
constexpr double kCostTolerance = 1e-11;
constexpr double kPivotTolerance = 1e-9;

struct Phase {
  const Matrix& M;    // r x n, the columns that may be basic
  const Vector& b;
  const Vector& cost;
  Index entering_limit;  // only columns [0, entering_limit) may enter the basis
};

struct Vertex {
  Eigen::PartialPivLU<Matrix> lu;
  Vector x_basic;
  Vector dual;
};

Vertex factor(const Phase& phase, const std::vector<Index>& basis) {
  Matrix B(phase.M.rows(), static_cast<Index>(basis.size()));
  Vector cost_basic(B.cols());
  for (Index i = 0; i < B.cols(); ++i) {
    B.col(i) = phase.M.col(basis[i]);
    cost_basic(i) = phase.cost(basis[i]);
  }
  Vertex v{Eigen::PartialPivLU<Matrix>(B), {}, {}};
  v.x_basic = v.lu.solve(phase.b);
  v.dual = v.lu.transpose().solve(cost_basic);
  return v;
}

// Pivots until no reduced cost is negative or the budget is spent; returns false in the latter case.
bool run_phase(const Phase& phase, std::vector<Index>& basis, Index& iterations, Index max_iterations) {
  std::vector<bool> in_basis(phase.M.cols(), false);
  for (Index j : basis) in_basis[j] = true;
  while (true) {
    const Vertex v = factor(phase, basis);
    // Bland: the lowest-numbered improving column enters ...
    Index entering = -1;
    for (Index j = 0; j < phase.entering_limit && entering < 0; ++j)
      if (!in_basis[j] && phase.cost(j) - phase.M.col(j).dot(v.dual) < -kCostTolerance) entering = j;
    if (entering < 0) return true;
    if (iterations >= max_iterations) return false;
    // ... and among the rows that block it first, the lowest-numbered basic variable leaves.
    const Vector direction = v.lu.solve(phase.M.col(entering));
    Index leaving = -1;
    double best = 0.0;
    for (Index i = 0; i < direction.size(); ++i) {
      if (direction(i) <= kPivotTolerance) continue;
      const double ratio = std::max(v.x_basic(i), 0.0) / direction(i);
      if (leaving < 0 || ratio < best || (ratio == best && basis[i] < basis[leaving])) {
        leaving = i;
        best = ratio;
      }
    }
    if (leaving < 0) throw NumericalError("simplex: the linear programme is unbounded");
    in_basis[basis[leaving]] = false;
    in_basis[entering] = true;
    basis[leaving] = entering;
    ++iterations;
  }
}

}  // namespace

SimplexResult simplex(const Matrix& M, const Vector& b, const Vector& c, Index max_iterations) {
  const Index r = M.rows(), n = M.cols();
  // Phase one starts from the artificial basis, which needs b >= 0: rows with b_i < 0 flip sign.
  const Vector signs = b.unaryExpr([](double v) { return v < 0.0 ? -1.0 : 1.0; });
  Matrix extended(r, n + r);
  extended << signs.asDiagonal() * M, Matrix::Identity(r, r);
  const Vector rhs = signs.cwiseProduct(b);
  Vector phase_one_cost = Vector::Zero(n + r);
  phase_one_cost.tail(r).setOnes();

  SimplexResult result;
  std::vector<Index> basis(r);
  for (Index i = 0; i < r; ++i) basis[i] = n + i;
  if (!run_phase({extended, rhs, phase_one_cost, n}, basis, result.iterations, max_iterations)) {
    result.x = Vector::Zero(n);
    result.dual = Vector::Zero(r);
    return result;
  }
  Vertex v = factor({extended, rhs, phase_one_cost, n}, basis);
  // The phase-one optimum is the total of the artificials: zero exactly when M x = b is feasible.
  double infeasibility = 0.0;
  for (Index i = 0; i < r; ++i)
    if (basis[i] >= n) infeasibility += std::max(v.x_basic(i), 0.0);
  if (infeasibility > kPivotTolerance * std::max(1.0, rhs.norm()))
    throw NumericalError("simplex: the linear programme is infeasible");
  // Artificials still basic sit at zero; M has full row rank, so each can be swapped for a real
  // column without moving the vertex.
  for (Index i = 0; i < r; ++i) {
    if (basis[i] < n) continue;
    const Vector row = v.lu.transpose().solve(Vector::Unit(r, i));  // row i of B^-1
    Index replacement = -1;
    double largest = kPivotTolerance;
    for (Index j = 0; j < n; ++j) {
      const double entry = std::abs(row.dot(extended.col(j)));
      if (entry > largest && std::find(basis.begin(), basis.end(), j) == basis.end()) {
        replacement = j;
        largest = entry;
      }
    }
    if (replacement < 0) throw NumericalError("simplex: the constraint matrix is rank deficient");
    basis[i] = replacement;
    v = factor({extended, rhs, phase_one_cost, n}, basis);
  }

  Vector phase_two_cost = Vector::Zero(n + r);
  phase_two_cost.head(n) = c;
  result.optimal = run_phase({extended, rhs, phase_two_cost, n}, basis, result.iterations, max_iterations);
  v = factor({extended, rhs, phase_two_cost, n}, basis);
  result.x = Vector::Zero(n);
  for (Index i = 0; i < r; ++i) result.x(basis[i]) = std::max(v.x_basic(i), 0.0);
  result.dual = signs.cwiseProduct(v.dual);
  return result;
}

}  // namespace snnsense
