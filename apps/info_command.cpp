// `snnsense info DIR`: what a problem directory holds, after the same checks training does.
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "commands.hpp"
#include "snnsense/diagnostics/spectrum_metrics.hpp"
#include "snnsense/models/estimate.hpp"
#include "snnsense/problems/problem_io.hpp"
#include "snnsense/problems/signal_to_noise.hpp"

namespace snnsense::cli {

namespace {

using Lines = std::vector<std::pair<std::string, std::string>>;

std::string text(double value) {
  std::ostringstream out;
  out << value;
  return out.str();
}

std::string ground_truth_line(const Problem& problem) {
  if (!problem.has_truth()) return "not stored";
  // The same rank as the training metrics report (relative tolerance kRankTolerance). A factored X*
  // gives its singular values through its factors, never densely.
  const LowRankFactors* factors = problem.x_true_factors ? &*problem.x_true_factors : nullptr;
  const SpectrumMetrics spectrum =
      factors ? spectrum_from_singular_values(FactoredEstimate::from_factors(factors->left, factors->right).singular_values())
              : spectrum_metrics(*problem.x_true);
  return "rank " + std::to_string(spectrum.rank) + ", nuclear norm " + text(spectrum.nuclear_norm) +
         (factors ? " (stored as factors x_true_left.npy, x_true_right.npy)" : "");
}

// Stated beside the noise so that a noise level swamping the signal is seen before training.
std::string snr_line(const Problem& problem) {
  const double db = signal_to_noise_db(problem);
  if (std::isinf(db)) return "no noise";
  if (std::isnan(db)) return "unknown (y is no stronger than the stated noise)";
  std::ostringstream out;
  out.precision(1);
  out << std::fixed << db << " dB" << (problem.has_truth() ? "" : " (estimated from y)");
  return out.str();
}

Lines describe(const std::filesystem::path& dir, const Problem& problem) {
  Lines lines{{"directory", dir.string()},
              {"shape", std::to_string(problem.n1) + " x " + std::to_string(problem.n2)},
              {"operator", to_string(problem.operator_kind())},
              {"measurements", std::to_string(problem.train_count()) + " train, " + std::to_string(problem.test_count()) + " test"},
              {"noise", text(problem.noise)},
              {"snr", snr_line(problem)}};
  if (problem.is_image()) lines.emplace_back("pixel scale", text(problem.pixel_scale));
  lines.emplace_back("ground truth", ground_truth_line(problem));
  lines.emplace_back("provenance", problem.provenance.empty() ? "none" : "");
  for (const auto& [key, value] : problem.provenance.items())
    lines.emplace_back("  " + key, value.is_string() ? value.get<std::string>() : value.dump());
  return lines;
}

void run(const std::filesystem::path& dir) {
  const Lines lines = describe(dir, load_problem(dir));
  std::size_t width = 0;
  for (const auto& line : lines) width = std::max(width, line.first.size());
  for (const auto& [key, value] : lines) {
    const std::string label = key + ":";
    std::cout << (value.empty() ? label : label + std::string(width + 2 - label.size(), ' ') + value) << "\n";
  }
}

}  // namespace

void register_info(CLI::App& app, Context&) {
  auto dir = std::make_shared<std::string>();
  CLI::App* command = app.add_subcommand("info", "Describe a problem directory (checks it as training would)");
  command->add_option("DIR", *dir, "problem directory written by `snnsense generate` (or by hand)")->required();
  command->callback([dir] { run(*dir); });
}

}  // namespace snnsense::cli
