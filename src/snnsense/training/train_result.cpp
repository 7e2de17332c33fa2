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

void TrainResult::save(StateWriter& out) const {
  put_enum(out, reason);
  out.put_index(iterations);
  out.put_vector(params);
  save_estimate(estimate.get(), out);
  for (double v : {initial_loss, final_loss, gradient_norm, seconds, seconds_per_iteration}) out.put_double(v);
  put_enum(out, trend);
  out.put_bool(best_iteration.has_value());
  out.put_index(best_iteration.value_or(0));
}

TrainResult TrainResult::restore(StateReader& in) {
  TrainResult r;
  r.reason = get_enum<StopReason>(in);
  r.iterations = in.get_index();
  r.params = in.get_vector();
  r.estimate = restore_estimate(in);
  for (double* v : {&r.initial_loss, &r.final_loss, &r.gradient_norm, &r.seconds, &r.seconds_per_iteration})
    *v = in.get_double();
  r.trend = get_enum<LossTrend>(in);
  const bool has_best = in.get_bool();
  const Index best = in.get_index();
  if (has_best) r.best_iteration = best;
  return r;
}

}  // namespace snnsense
