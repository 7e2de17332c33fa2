#include "snnsense/training/step_size_search.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

#include "snnsense/core/error.hpp"
#include "snnsense/training/checkpoint_writer.hpp"
#include "snnsense/training/loss_curvature.hpp"
#include "snnsense/training/trace_recorder.hpp"

namespace snnsense {

namespace {

// The top of a placed grid lies at least this factor above 2 / curvature: the curvature at the
// initial point can understate the curvature along the way (a factorised model's grows with its
// factors), and a too-large candidate costs a few steps before the divergence guard stops it.
constexpr double kHeadroom = 4.0;
// A winner at the top is followed upward at most this many decades.
constexpr int kMaxExtensions = 6;
constexpr double kExtensionFactor = 10.0;

// A candidate whose loss decreases beats one that oscillates or stalls whatever their final
// losses: the final value of a cycling run is whichever state its last step hit.
bool better(const StepSizeCandidate& a, const StepSizeCandidate& b) {
  const bool a_decreasing = a.trend == LossTrend::decreasing, b_decreasing = b.trend == LossTrend::decreasing;
  if (a_decreasing != b_decreasing) return a_decreasing;
  return a.final_loss < b.final_loss;
}

// `grid` times the power of ten that puts its largest entry in [target, 10 target).
std::vector<double> shifted_grid(const std::vector<double>& grid, double target) {
  const double top = *std::max_element(grid.begin(), grid.end());
  const double factor = std::pow(10.0, std::ceil(std::log10(target / top)));
  std::vector<double> shifted;
  for (double lr : grid) shifted.push_back(lr * factor);
  return shifted;
}

class Search {
 public:
  Search(const Model& model, const Problem& problem, const TrainOptions& options, const Vector& initial,
         const StepSizeSearchOptions& search, Index trace_every, const std::vector<Callback*>& callbacks,
         CheckpointWriter* checkpoints, const SearchResumption* resume)
      : model_(model),
        problem_(problem),
        options_(options),
        initial_(initial),
        search_(search),
        trace_every_(trace_every),
        callbacks_(callbacks),
        probing_(search.probe_iterations > 0 && search.probe_iterations < options.iterations),
        checkpoints_(checkpoints) {
    if (resume) {
      source_ = resume->run->source();
      record_ = resume->record;
      result_.grid = record_->grid;
      result_.curvature = record_->curvature;
      resume_run_ = resume->run;
    }
  }

  StepSizeSearchResult run() {
    if (checkpoints_) checkpoints_->show_search(&result_);
    if (!record_) place_grid();
    Index finished = 0;
    for (double lr : result_.grid) {
      if (!try_candidate(lr)) return std::move(result_);
      if (result_.candidates.back().reason == StopReason::diverged) continue;
      if (++finished >= search_.successes) break;
    }
    if (search_.placement == GridPlacement::problem_scale && !extend_upward()) return std::move(result_);
    if (!result_.best) return std::move(result_);
    mark_edge();
    if (probing_) {
      TrainOptions full = options_;
      full.lr = result_.candidates[*result_.best].lr;
      train_recorded(full);
    }
    return std::move(result_);
  }

 private:
  void place_grid() {
    // A fixed grid is tried in the order given, as the reference code does.
    result_.grid = search_.grid;
    if (search_.placement != GridPlacement::problem_scale) return;
    std::sort(result_.grid.rbegin(), result_.grid.rend());
    result_.curvature = estimate_loss_curvature(model_, problem_, initial_).curvature;
    if (result_.curvature > 0.0) result_.grid = shifted_grid(result_.grid, kHeadroom * 2.0 / result_.curvature);
  }

  // Trains one candidate; false when it was interrupted (the search ends with that run).
  bool try_candidate(double lr) {
    if (record_ && result_.candidates.size() < record_->candidates.size()) {
      replay_candidate(lr);
      return true;
    }
    TrainOptions candidate = options_;
    candidate.lr = lr;
    if (probing_) candidate.iterations = search_.probe_iterations;
    TraceRecorder recorder(problem_, trace_every_);
    TrainResult run = train_with(candidate, recorder);
    result_.candidates.push_back({lr, run.reason, run.trend, run.iterations, run.final_loss, run.seconds});
    const StepSizeCandidate& tried = result_.candidates.back();
    if (run.reason == StopReason::interrupted) {
      result_.run = std::move(run);
      result_.trace = recorder.take();
      return false;
    }
    if (run.reason != StopReason::diverged && (!result_.best || better(tried, result_.candidates[*result_.best]))) {
      result_.best = result_.candidates.size() - 1;
      result_.run = std::move(run);
      result_.trace = recorder.take();
    }
    return true;
  }

  // A candidate finished before the checkpoint: its outcome comes from the record, in the order
  // it was tried, so the search takes the same decisions as it did. The best run and its trace
  // are the record's once every recorded candidate is replayed (the best of them all).
  void replay_candidate(double lr) {
    const StepSizeCandidate& tried = record_->candidates[result_.candidates.size()];
    if (tried.lr != lr)
      throw FileError(source_ + ": the checkpoint's step-size search tried other step sizes than this job's");
    result_.candidates.push_back(tried);
    if (tried.reason != StopReason::diverged && (!result_.best || better(tried, result_.candidates[*result_.best])))
      result_.best = result_.candidates.size() - 1;
    if (result_.candidates.size() < record_->candidates.size()) return;
    if (result_.best != record_->best)
      throw FileError(source_ + ": malformed checkpoint (its search's best step size is not the best it tried)");
    result_.run = record_->run;
    result_.trace = record_->trace;
  }

  // A winner that is the largest step tried says the grid may stop short: larger steps are tried
  // while each one finishes and wins.
  // False when a candidate was interrupted.
  bool extend_upward() {
    for (int k = 0; k < kMaxExtensions && winner_is_largest_tried(); ++k) {
      const std::size_t before = *result_.best;
      if (!try_candidate(result_.candidates[before].lr * kExtensionFactor)) return false;
      if (*result_.best == before) break;
    }
    return true;
  }

  bool winner_is_largest_tried() const {
    if (!result_.best) return false;
    const double lr = result_.candidates[*result_.best].lr;
    return std::none_of(result_.candidates.begin(), result_.candidates.end(),
                        [lr](const StepSizeCandidate& c) { return c.lr > lr; });
  }

  void mark_edge() {
    if (winner_is_largest_tried())
      result_.edge = GridEdge::top;
    else if (result_.candidates[*result_.best].lr <= *std::min_element(result_.grid.begin(), result_.grid.end()))
      result_.edge = GridEdge::bottom;
  }

  TrainResult train_with(const TrainOptions& options, TraceRecorder& recorder) {
    std::vector<Callback*> all{&recorder};
    all.insert(all.end(), callbacks_.begin(), callbacks_.end());
    return train(model_, problem_, options, initial_, all, std::exchange(resume_run_, nullptr));
  }

  void train_recorded(const TrainOptions& options) {
    TraceRecorder recorder(problem_, trace_every_);
    result_.run = train_with(options, recorder);
    result_.trace = recorder.take();
  }

  const Model& model_;
  const Problem& problem_;
  const TrainOptions& options_;
  const Vector& initial_;
  const StepSizeSearchOptions& search_;
  Index trace_every_;
  const std::vector<Callback*>& callbacks_;
  bool probing_;
  CheckpointWriter* checkpoints_;
  // Resuming: the candidates the record holds are replayed, not run; the first run after them is
  // the one the checkpoint interrupted, continued from resume_run_.
  std::optional<StepSizeSearchResult> record_;
  StateReader* resume_run_ = nullptr;
  std::string source_;
  StepSizeSearchResult result_;
};

nlohmann::json finite_or_null(double v) { return std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(nullptr); }

}  // namespace

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

std::optional<double> StepSizeSearchReport::step_size() const {
  if (!candidates.empty() && candidates.back().reason == StopReason::interrupted) return candidates.back().lr;
  if (best) return candidates[*best].lr;
  return std::nullopt;
}

nlohmann::json StepSizeSearchReport::to_json() const {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& c : candidates)
    list.push_back({{"lr", c.lr},
                    {"status", to_string(c.reason)},
                    {"trend", to_string(c.trend)},
                    {"iterations", c.iterations},
                    {"final_loss", finite_or_null(c.final_loss)},
                    {"seconds", c.seconds}});
  return {{"candidates", list},
          {"best_lr", best ? nlohmann::json(candidates[*best].lr) : nlohmann::json(nullptr)},
          {"grid", grid},
          {"curvature", curvature > 0.0 ? nlohmann::json(curvature) : nlohmann::json(nullptr)},
          {"edge", to_string(edge)},
          {"edge_warning", edge == GridEdge::none ? nlohmann::json(nullptr) : nlohmann::json(edge_warning())}};
}

std::string StepSizeSearchReport::edge_warning() const {
  if (!best || edge == GridEdge::none) return "";
  const std::string lr = nlohmann::json(candidates[*best].lr).dump();
  if (edge == GridEdge::top)
    return "warning: the chosen step size " + lr + " is the largest tried; a larger one may do better (--lr-grid)";
  return "warning: the chosen step size " + lr + " is the smallest of the grid; smaller ones were not tried (--lr-grid)";
}

StepSizeSearchResult search_step_size(const Model& model, const Problem& problem, const TrainOptions& options,
                                      const Vector& initial, const StepSizeSearchOptions& search, Index trace_every,
                                      const std::vector<Callback*>& callbacks, CheckpointWriter* checkpoints,
                                      const SearchResumption* resume) {
  search.validate();
  return Search(model, problem, options, initial, search, trace_every, callbacks, checkpoints, resume).run();
}

void StepSizeSearchResult::save(StateWriter& out) const {
  out.put_index(static_cast<Index>(candidates.size()));
  for (const StepSizeCandidate& c : candidates) {
    out.put_double(c.lr);
    put_enum(out, c.reason);
    put_enum(out, c.trend);
    out.put_index(c.iterations);
    out.put_double(c.final_loss);
    out.put_double(c.seconds);
  }
  out.put_bool(best.has_value());
  out.put_index(static_cast<Index>(best.value_or(0)));
  out.put_vector(Eigen::Map<const Vector>(grid.data(), static_cast<Index>(grid.size())));
  out.put_double(curvature);
  put_enum(out, edge);
  run.save(out);
  trace.save(out);
}

StepSizeSearchResult StepSizeSearchResult::restore(StateReader& in) {
  StepSizeSearchResult r;
  const Index count = in.get_index();
  for (Index k = 0; k < count; ++k) {
    StepSizeCandidate c;
    c.lr = in.get_double();
    c.reason = get_enum<StopReason>(in);
    c.trend = get_enum<LossTrend>(in);
    c.iterations = in.get_index();
    c.final_loss = in.get_double();
    c.seconds = in.get_double();
    r.candidates.push_back(c);
  }
  const bool has_best = in.get_bool();
  const auto best = static_cast<std::size_t>(in.get_index());
  if (has_best) {
    if (best >= r.candidates.size()) in.fail("a best step size that was not tried");
    r.best = best;
  }
  const Vector grid = in.get_vector();
  r.grid.assign(grid.data(), grid.data() + grid.size());
  r.curvature = in.get_double();
  r.edge = get_enum<GridEdge>(in);
  r.run = TrainResult::restore(in);
  r.trace = Trace::restore(in);
  return r;
}

}  // namespace snnsense
