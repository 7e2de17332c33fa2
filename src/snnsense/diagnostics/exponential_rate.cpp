#include "snnsense/diagnostics/exponential_rate.hpp"

#include <cmath>

#include "snnsense/core/error.hpp"

namespace snnsense {

ExponentialRate fit_exponential_rate(const std::vector<double>& iterations, const std::vector<double>& losses,
                                     double tail_fraction) {
  if (iterations.size() != losses.size() || iterations.empty())
    throw InputError("exponential rate: needs matching, non-empty iteration and loss columns");
  if (!(tail_fraction > 0.0 && tail_fraction <= 1.0)) throw InputError("exponential rate: tail fraction must lie in (0, 1]");
  const double last = iterations.back();
  const double from = iterations.front() + (1.0 - tail_fraction) * (last - iterations.front());
  std::vector<double> x, y;
  for (std::size_t i = 0; i < iterations.size(); ++i) {
    if (iterations[i] < from || !(losses[i] > 0.0) || !std::isfinite(losses[i])) continue;
    x.push_back(iterations[i]);
    y.push_back(std::log(losses[i]));
  }
  if (x.size() < 3) throw InputError("exponential rate: fewer than 3 positive losses in the tail of the trace");
  const double n = static_cast<double>(x.size());
  double mx = 0, my = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    mx += x[i] / n;
    my += y[i] / n;
  }
  double sxx = 0, sxy = 0, syy = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    sxx += (x[i] - mx) * (x[i] - mx);
    sxy += (x[i] - mx) * (y[i] - my);
    syy += (y[i] - my) * (y[i] - my);
  }
  ExponentialRate rate;
  rate.slope = sxx > 0 ? sxy / sxx : 0.0;
  // A flat log-loss is fitted perfectly by a zero slope.
  rate.r_squared = syy > 0 && sxx > 0 ? (sxy * sxy) / (sxx * syy) : 1.0;
  rate.first_iteration = static_cast<Index>(x.front());
  rate.last_iteration = static_cast<Index>(x.back());
  rate.points = static_cast<Index>(x.size());
  return rate;
}

}  // namespace snnsense
