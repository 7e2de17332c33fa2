#include "snnsense/experiments/analysis/excess_loss_rate.hpp"

#include <cmath>

#include "snnsense/core/error.hpp"

namespace snnsense {

nlohmann::json ExcessLossRate::to_json() const {
  return {{"slope", rate.slope},
          {"r_squared", rate.r_squared},
          {"intercept", intercept},
          {"floor", floor},
          {"first_iteration", rate.first_iteration},
          {"last_iteration", rate.last_iteration},
          {"points", rate.points}};
}

std::optional<ExcessLossRate> excess_loss_rate(const CsvTable& trace, double floor, double tail_fraction,
                                               double resolution) {
  const std::vector<double>& iterations = trace.column("iteration");
  const std::vector<double>& losses = trace.column("train_loss");
  std::vector<double> x, excess;
  for (std::size_t i = 0; i < iterations.size(); ++i) {
    const double e = losses[i] - floor;
    if (std::isfinite(e) && e > resolution * losses[i]) {
      x.push_back(iterations[i]);
      excess.push_back(e);
    }
  }
  ExcessLossRate result;
  result.floor = floor;
  try {
    result.rate = fit_exponential_rate(x, excess, tail_fraction);
  } catch (const InputError&) {
    return std::nullopt;
  }
  // The fitted samples are the last rate.points; the intercept is the least-squares one over them.
  const std::size_t first = x.size() - static_cast<std::size_t>(result.rate.points);
  double mean_x = 0.0, mean_log = 0.0;
  for (std::size_t i = first; i < x.size(); ++i) {
    mean_x += x[i] / static_cast<double>(result.rate.points);
    mean_log += std::log(excess[i]) / static_cast<double>(result.rate.points);
  }
  result.intercept = mean_log - result.rate.slope * mean_x;
  return result;
}

}  // namespace snnsense
