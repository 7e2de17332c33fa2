#include "snnsense/training/step_size_search.hpp"

#include <cmath>

#include "snnsense/core/error.hpp"
#include "snnsense/training/trace_recorder.hpp"

namespace snnsense {

std::vector<double> StepSizeSearchOptions::paper_grid() {
  std::vector<double> grid;
  for (int k = 1; k >= -11; --k) {
    grid.push_back(5.0 * std::pow(10.0, k));
    grid.push_back(std::pow(10.0, k));
  }
  return grid;
}

void StepSizeSearchOptions::validate() const {
  if (grid.empty()) throw InputError("--lr-grid: needs at least one step size");
  for (double lr : grid)
    if (!(lr > 0.0) || !std::isfinite(lr)) throw InputError("--lr-grid: step sizes must be positive numbers");
  if (successes <= 0) throw InputError("--search-successes: must be positive");
  if (probe_iterations < 0) throw InputError("--search-probe: must be non-negative");
}

std::optional<double> StepSizeSearchResult::step_size() const {
  if (!candidates.empty() && candidates.back().reason == StopReason::interrupted) return candidates.back().lr;
  if (best) return candidates[*best].lr;
  return std::nullopt;
}

nlohmann::json StepSizeSearchResult::to_json() const {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& c : candidates)
    list.push_back({{"lr", c.lr},
                    {"status", to_string(c.reason)},
                    {"iterations", c.iterations},
                    {"final_loss", std::isfinite(c.final_loss) ? nlohmann::json(c.final_loss) : nlohmann::json(nullptr)},
                    {"seconds", c.seconds}});
  return {{"candidates", list}, {"best_lr", best ? nlohmann::json(candidates[*best].lr) : nlohmann::json(nullptr)}};
}

StepSizeSearchResult search_step_size(const Model& model, const Problem& problem, const TrainOptions& options,
                                      const Vector& initial, const StepSizeSearchOptions& search, Index trace_every,
                                      const std::vector<Callback*>& callbacks) {
  search.validate();
  const bool probing = search.probe_iterations > 0 && search.probe_iterations < options.iterations;
  StepSizeSearchResult result;
  Index finished = 0;
  for (double lr : search.grid) {
    TrainOptions candidate = options;
    candidate.lr = lr;
    if (probing) candidate.iterations = search.probe_iterations;
    TraceRecorder recorder(problem, trace_every);
    std::vector<Callback*> all{&recorder};
    all.insert(all.end(), callbacks.begin(), callbacks.end());
    TrainResult run = train(model, problem, candidate, initial, all);
    result.candidates.push_back({lr, run.reason, run.iterations, run.final_loss, run.seconds});
    if (run.reason == StopReason::interrupted) {
      result.run = std::move(run);
      result.trace = recorder.take();
      return result;
    }
    if (run.reason == StopReason::diverged) continue;
    if (!result.best || run.final_loss < result.candidates[*result.best].final_loss) {
      result.best = result.candidates.size() - 1;
      result.run = std::move(run);
      result.trace = recorder.take();
    }
    if (++finished >= search.successes) break;
  }
  if (result.best && probing) {
    TrainOptions full = options;
    full.lr = result.candidates[*result.best].lr;
    TraceRecorder recorder(problem, trace_every);
    std::vector<Callback*> all{&recorder};
    all.insert(all.end(), callbacks.begin(), callbacks.end());
    result.run = train(model, problem, full, initial, all);
    result.trace = recorder.take();
  }
  return result;
}

}  // namespace snnsense
