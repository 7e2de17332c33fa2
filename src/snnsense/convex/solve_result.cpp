#include "snnsense/convex/solve_result.hpp"

#include <cstdio>

namespace snnsense {

std::string SolveResult::brief_report() const {
  char line[320];
  std::snprintf(line, sizeof line,
                "%s: %s after %lld iterations: nuclear norm %.6e, residuals %.1e primal %.1e dual, KKT %.1e, %.3f s",
                to_string(method).c_str(), to_string(status).c_str(), static_cast<long long>(iterations), nuclear_norm,
                primal_residual, dual_residual, kkt.value, seconds);
  return line;
}

nlohmann::json SolveResult::to_json() const {
  return {{"method", to_string(method)},
          {"status", to_string(status)},
          {"iterations", iterations},
          {"primal_residual", primal_residual},
          {"dual_residual", dual_residual},
          {"nuclear_norm", nuclear_norm},
          {"objective", objective},
          {"kkt_residual", kkt.value},
          {"kkt", kkt.to_json()},
          {"seconds", seconds}};
}

}  // namespace snnsense
