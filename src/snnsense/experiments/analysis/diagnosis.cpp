#include "snnsense/experiments/analysis/diagnosis.hpp"

#include <cmath>
#include <cstdio>

#include "snnsense/core/error.hpp"
#include "snnsense/diagnostics/reconstruction_metrics.hpp"
#include "snnsense/diagnostics/spectrum_metrics.hpp"

namespace snnsense {

Diagnosis diagnose(const Problem& problem, const Matrix& X, const Matrix& x_convex, const CsvTable* trace,
                   double rate_tail_fraction) {
  if (X.rows() != problem.n1 || X.cols() != problem.n2 || x_convex.rows() != problem.n1 ||
      x_convex.cols() != problem.n2)
    throw InputError("diagnose: X and the convex solution must be " + std::to_string(problem.n1) + " x " +
                     std::to_string(problem.n2) + " like the problem");
  Diagnosis d;
  d.nuclear_norm = nuclear_norm(X);
  d.convex_nuclear_norm = nuclear_norm(x_convex);
  d.nuclear_gap = (d.nuclear_norm - d.convex_nuclear_norm) / d.convex_nuclear_norm;
  d.distance_to_convex = (X - x_convex).norm() / x_convex.norm();
  d.kkt = kkt_residual(*problem.train_operator, problem.train_y, X);
  if (problem.basis) d.off_diagonal_final = off_diagonal_mass(X, *problem.basis);
  if (trace) {
    if (problem.basis && trace->has("off_diagonal_mass")) {
      double worst = *d.off_diagonal_final;
      for (double v : trace->column("off_diagonal_mass"))
        if (std::isfinite(v)) worst = std::max(worst, v);
      d.off_diagonal_max = worst;
    }
    try {
      d.rate = fit_exponential_rate(trace->column("iteration"), trace->column("train_loss"), rate_tail_fraction);
    } catch (const InputError&) {
      // Too short a trace for a fit: the report says the rate is unavailable.
    }
  }
  return d;
}

nlohmann::json Diagnosis::to_json() const {
  auto optional = [](const std::optional<double>& v) { return v ? nlohmann::json(*v) : nlohmann::json(nullptr); };
  nlohmann::json rate_json = nullptr;
  if (rate)
    rate_json = {{"slope", rate->slope},
                 {"r_squared", rate->r_squared},
                 {"first_iteration", rate->first_iteration},
                 {"last_iteration", rate->last_iteration},
                 {"points", rate->points}};
  return {{"nuclear_norm", nuclear_norm},
          {"convex_nuclear_norm", convex_nuclear_norm},
          {"nuclear_gap", nuclear_gap},
          {"distance_to_convex", distance_to_convex},
          {"kkt_residual", kkt.value},
          {"kkt", kkt.to_json()},
          {"off_diagonal_max", optional(off_diagonal_max)},
          {"off_diagonal_final", optional(off_diagonal_final)},
          {"exponential_rate", rate_json},
          {"convex_source", convex_source}};
}

std::string Diagnosis::report() const {
  std::string out;
  char line[256];
  auto add = [&out, &line](const char* key, const char* format, auto... values) {
    std::snprintf(line, sizeof line, format, values...);
    out += std::string(key) + std::string(24 - std::min<std::size_t>(23, std::string(key).size()), ' ') + line + "\n";
  };
  add("nuclear norm:", "%.6g (convex optimum %.6g)", nuclear_norm, convex_nuclear_norm);
  add("nuclear-norm gap:", "%+.3f%%", 100.0 * nuclear_gap);
  add("distance to convex:", "%.3e (relative, Frobenius)", distance_to_convex);
  add("KKT residual:", "%.3e (primal %.2e, tangent %.2e, spectral excess %.2e)", kkt.value, kkt.primal, kkt.tangent,
      kkt.spectral_excess);
  if (off_diagonal_final)
    add("off-diagonal mass:", "%.3e at the end, %.3e at most along the trace", *off_diagonal_final,
        off_diagonal_max.value_or(*off_diagonal_final));
  if (rate)
    add("exponential rate:", "%.4e per iteration (R^2 %.4f, iterations %lld..%lld, %lld points)", rate->slope,
        rate->r_squared, static_cast<long long>(rate->first_iteration), static_cast<long long>(rate->last_iteration),
        static_cast<long long>(rate->points));
  else
    add("exponential rate:", "%s", "unavailable (no trace, or too few positive losses in its tail)");
  add("convex solution:", "%s", convex_source.c_str());
  return out;
}

}  // namespace snnsense
