#pragma once
// The paper's exponential convergence, measured where the training loss cannot reach zero. With
// noise and more measurements than the model can interpolate (fig1: 75 measurements of the 10
// shared singular values), the loss decays to the least-squares minimum L_min instead, so the
// rate to measure is the slope of log(L - L_min); the slope of log(L) itself flattens at L_min.
#include <nlohmann/json.hpp>
#include <optional>

#include "snnsense/diagnostics/exponential_rate.hpp"
#include "snnsense/io/csv_table.hpp"

namespace snnsense {

struct ExcessLossRate {
  ExponentialRate rate;    // of log(L - floor)
  double intercept = 0.0;  // log(L - floor) ~ intercept + slope * iteration, for drawing the fit
  double floor = 0.0;

  nlohmann::json to_json() const;
};

// Fits log(train_loss - floor) against iteration over the samples of trace.csv where the excess
// is above `resolution` x the loss (below that it is at the 10 significant digits trace.csv
// keeps), and of those over the last `tail_fraction` of their iterations: the rate settles only
// after the fast first drop from the initialisation, and the theorem is about that settled rate.
// Empty when fewer than 3 samples qualify.
std::optional<ExcessLossRate> excess_loss_rate(const CsvTable& trace, double floor, double tail_fraction = 0.5,
                                               double resolution = 1e-8);

}  // namespace snnsense
