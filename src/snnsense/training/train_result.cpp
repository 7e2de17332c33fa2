#include "snnsense/training/train_result.hpp"

#include <cstdio>

namespace snnsense {

std::string TrainResult::brief_report() const {
  char line[256];
  std::snprintf(line, sizeof line, "%s after %lld iterations: loss %.3e -> %.3e, |grad| %.2e, %.3f ms/iter",
                to_string(reason).c_str(), static_cast<long long>(iterations), initial_loss, final_loss,
                gradient_norm, 1e3 * seconds_per_iteration);
  std::string report = line;
  if (best_iteration && *best_iteration != iterations)
    report += "; reporting iteration " + std::to_string(*best_iteration) + ", the best on the held-out measurements";
  if (finished() && trend != LossTrend::decreasing)
    report += "; the loss is " + to_string(trend) + ", not converging";
  return report;
}

}  // namespace snnsense
