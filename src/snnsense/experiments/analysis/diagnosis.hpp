#pragma once
// The paper's claims as numbers for one run: how far its X is from the minimum-nuclear-norm
// interpolant, whether it satisfies that problem's optimality conditions, whether it kept the
// well-specified basis, and how fast its training loss decayed.
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "snnsense/convex/kkt_residual.hpp"
#include "snnsense/diagnostics/exponential_rate.hpp"
#include "snnsense/io/csv_table.hpp"
#include "snnsense/problems/problem.hpp"

namespace snnsense {

struct Diagnosis {
  double nuclear_norm = 0.0;
  double convex_nuclear_norm = 0.0;
  double nuclear_gap = 0.0;         // (||X||_* - ||X_cvx||_*) / ||X_cvx||_*
  double distance_to_convex = 0.0;  // ||X - X_cvx||_F / ||X_cvx||_F
  KktResidual kkt;                  // of X for the equality-constrained problem
  // Well-specified problems: ||offdiag(Phi^T X Psi)||_F / ||X||_F, largest along the trace and at the end.
  std::optional<double> off_diagonal_max;
  std::optional<double> off_diagonal_final;
  std::optional<ExponentialRate> rate;  // when a trace with enough positive losses is given
  std::string convex_source;            // where X_cvx came from

  nlohmann::json to_json() const;
  std::string report() const;  // aligned "key: value" lines
};

// `trace` is the run's trace.csv (may be null: no off-diagonal history, no rate).
Diagnosis diagnose(const Problem& problem, const Matrix& X, const Matrix& x_convex, const CsvTable* trace,
                   double rate_tail_fraction = 0.5);

}  // namespace snnsense
