#pragma once
// The reference code's step-size selection: try a grid from large to small, skip candidates
// that diverge, and keep the lowest final training loss among the first few that succeed. By
// default the grid is first placed on the problem's scale (the paper's grid tops out at 50, far
// too small for completion problems, whose loss shrinks with the matrix size), and a candidate
// whose loss oscillates or stalls ranks below every one whose loss decreases.
#include <array>
#include <functional>
#include <nlohmann/json.hpp>
#include <vector>

#include "snnsense/core/enum_names.hpp"
#include "snnsense/training/trace.hpp"
#include "snnsense/training/trainer.hpp"

namespace snnsense {

class CheckpointWriter;

enum class GridPlacement {
  fixed,          // `grid` as given: the paper's reproduction
  problem_scale,  // `grid` shifted by a power of ten so that its top lies just above 2 / curvature
};

template <>
struct EnumNames<GridPlacement> {
  static constexpr std::array<std::pair<GridPlacement, std::string_view>, 2> table{
      {{GridPlacement::fixed, "fixed"}, {GridPlacement::problem_scale, "problem-scale"}}};
};

struct StepSizeSearchOptions {
  std::vector<double> grid = paper_grid();
  // Candidates after the first `successes` that finish are not tried ("among the first few").
  Index successes = 3;
  // Iterations per candidate; 0 runs each for the full budget (the paper's way).
  Index probe_iterations = 0;
  // problem_scale also follows a winner at the top of the grid upward, a decade at a time, while
  // larger steps keep lowering the loss.
  GridPlacement placement = GridPlacement::problem_scale;

  // {5, 1} x 10^k for k = 1 down to -11, from large to small.
  static std::vector<double> paper_grid();
  void validate() const;
};

struct StepSizeCandidate {
  double lr = 0.0;
  StopReason reason = StopReason::max_iterations;
  LossTrend trend = LossTrend::decreasing;
  Index iterations = 0;
  double final_loss = 0.0;
  double seconds = 0.0;
};

// Where the winner lies among the step sizes tried: at the top (no larger step was tried, so a
// larger one might have been better) or at the bottom of the grid (nothing smaller was left).
enum class GridEdge { none, top, bottom };
template <>
struct EnumNames<GridEdge> {
  static constexpr std::array<std::pair<GridEdge, std::string_view>, 3> table{
      {{GridEdge::none, "none"}, {GridEdge::top, "top"}, {GridEdge::bottom, "bottom"}}};
};

// What a search tried and chose: what summary.json's step_size_search and `train`'s lines report.
struct StepSizeSearchReport {
  std::vector<StepSizeCandidate> candidates;  // in the order tried
  std::optional<std::size_t> best;  // index into candidates; empty when every candidate diverged
  std::vector<double> grid;  // the grid searched, after placement (extensions are among the candidates)
  double curvature = 0.0;    // the loss curvature the grid was placed from; 0 for a fixed grid
  GridEdge edge = GridEdge::none;

  // The step size of the reported run: the winner's, or that of the candidate that was running
  // when the search was interrupted; none when every candidate diverged.
  std::optional<double> step_size() const;
  nlohmann::json to_json() const;
  // "" when the winner is inside the grid; otherwise one line saying which edge and what to try.
  std::string edge_warning() const;
};

struct StepSizeSearchResult : StepSizeSearchReport {
  TrainResult run;  // the winning run at the full budget
  Trace trace;

  // The record so far (the candidates finished, the grid, the best run and its trace), for a
  // checkpoint.
  void save(StateWriter& out) const;
  static StepSizeSearchResult restore(StateReader& in);
};

// Where a checkpointed search stood: its record, and the state of the run it was in
// (training/trainer_state.hpp), which the search continues.
struct SearchResumption {
  StepSizeSearchResult record;
  StateReader* run = nullptr;
};

// `callbacks` (progress, interruption, a checkpoint writer last) are attached to every candidate
// run; a trace is recorded every `trace_every` iterations for the winner. An interrupted candidate
// ends the search. `checkpoints` (the writer among the callbacks) is shown the search's record, so
// that each checkpoint holds it. With `resume`, the search goes through the same steps without
// running the candidates its record holds again, continues the run it was in from its state, and
// then goes on: bit for bit what the uninterrupted search gives.
StepSizeSearchResult search_step_size(const Model& model, const Problem& problem, const TrainOptions& options,
                                      const Vector& initial, const StepSizeSearchOptions& search, Index trace_every,
                                      const std::vector<Callback*>& callbacks = {},
                                      CheckpointWriter* checkpoints = nullptr, const SearchResumption* resume = nullptr);

}  // namespace snnsense
