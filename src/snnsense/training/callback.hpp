#pragma once
// Cross-cutting concerns of training (progress, traces, divergence, early stop, interruption)
// are callbacks on the trainer's one loop, so the loop stays short and features compose.
#include <array>
#include <optional>
#include <string>

#include "snnsense/core/enum_names.hpp"
#include "snnsense/core/state_stream.hpp"
#include "snnsense/core/types.hpp"
#include "snnsense/models/estimate.hpp"

namespace snnsense {

struct TrainerState;

// test_loss_stalled: early stopping on the held-out loss (training/held_out_early_stop.hpp).
enum class StopReason { max_iterations, loss_tolerance, gradient_tolerance, test_loss_stalled, diverged, interrupted };

template <>
struct EnumNames<StopReason> {
  static constexpr std::array<std::pair<StopReason, std::string_view>, 6> table{
      {{StopReason::max_iterations, "max_iterations"},
       {StopReason::loss_tolerance, "loss_tolerance"},
       {StopReason::gradient_tolerance, "gradient_tolerance"},
       {StopReason::test_loss_stalled, "test_loss_stalled"},
       {StopReason::diverged, "diverged"},
       {StopReason::interrupted, "interrupted"}}};
};

// The state at iteration t, before the step from params_t: the loss and gradient at params_t.
struct IterationState {
  Index iteration = 0;
  Index max_iterations = 0;
  double step_size = 0.0;
  double loss = 0.0;          // on this step's batch (the full training set for GD)
  double initial_loss = 0.0;
  double gradient_norm = 0.0;
  double elapsed_seconds = 0.0;
  const Vector* params = nullptr;
  // The estimate at params: callbacks ask it what they need (entries, singular values, a dense
  // matrix only where the problem is small). Null only in on_end when not even the start was finite.
  const Estimate* estimate = nullptr;
  // The whole run at this iteration, which a checkpoint saves from on_iteration
  // (training/trainer_state.hpp).
  const TrainerState* run = nullptr;
};

class Callback {
 public:
  virtual ~Callback() = default;
  // What the runs that follow belong to (for instance "lg (2/5)" in a comparison), for display.
  virtual void on_stage(const std::string& /*stage*/) {}
  virtual void on_begin(const IterationState& /*initial*/) {}
  // Returning a reason ends the run after this iteration's state (no further step).
  virtual std::optional<StopReason> on_iteration(const IterationState& /*state*/) { return std::nullopt; }
  // `last` is the state the result reports: the final iterate, or the last finite one after divergence.
  virtual void on_end(const IterationState& /*last*/, StopReason /*reason*/) {}

  // What this callback carries from iteration to iteration (what it has recorded so far), for a
  // checkpoint; a resumed run restores it instead of calling on_begin, so that the callback goes
  // on as if the run had not stopped. Callbacks that carry nothing keep these defaults.
  virtual void save_state(StateWriter& /*out*/) const {}
  virtual void restore_state(StateReader& /*in*/) {}
};

}  // namespace snnsense
