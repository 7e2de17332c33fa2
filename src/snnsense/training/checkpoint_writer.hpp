#pragma once
// Writes a checkpoint every so many steps, and when the run is interrupted (Ctrl-C, SIGTERM): the
// callback that lets a killed or stopped run be continued exactly (training/checkpoint.hpp).
#include <atomic>
#include <filesystem>
#include <functional>

#include "snnsense/training/callback.hpp"
#include "snnsense/training/checkpoint.hpp"

namespace snnsense {

struct CheckpointOptions {
  std::filesystem::path file;  // empty: no checkpoints
  Index every = 0;             // steps between checkpoints (of each run of a search); 0: only when interrupted
  // Once raised (InterruptSignals' flag), the run writes a checkpoint at the end of its current
  // iteration and stops as interrupted: the writer takes InterruptStop's place. Without a file,
  // run_training_job stops the run at the same place without writing.
  const std::atomic<bool>* interrupt = nullptr;
  // Stored in the checkpoint for whoever resumes it (the CLI's options).
  nlohmann::json caller = nlohmann::json::object();
  // Called once each checkpoint is in place, with its iteration (the tests kill the process there).
  std::function<void(Index iteration)> after_write;

  // InputError naming --checkpoint-every.
  void validate() const;
};

// Must be the last callback of a run, so that the state it saves is every callback's after the
// iteration (the trainer's order: its own callbacks, then the caller's). Checkpoints fall on the
// iterations t > 0 that are multiples of `every`, after the callbacks have seen t and before the
// step from t; a resumed run starts with that step.
class CheckpointWriter : public Callback {
 public:
  // `header` holds the job, the caller's options, the problem's fingerprint and the start; each
  // checkpoint adds the search's record (when shown one) and the run's state.
  CheckpointWriter(CheckpointOptions options, Checkpoint header);

  // The record of the search whose runs follow, saved with every checkpoint (step_size_search.hpp).
  void show_search(const StepSizeSearchResult* record) { search_ = record; }

  std::optional<StopReason> on_iteration(const IterationState& state) override;

  // The iteration of the last checkpoint written; none before the first.
  std::optional<Index> last_written() const { return last_written_; }

 private:
  void write(const IterationState& state);

  CheckpointOptions options_;
  Checkpoint header_;
  const StepSizeSearchResult* search_ = nullptr;
  std::optional<Index> last_written_;
};

}  // namespace snnsense
