#include "snnsense/training/checkpoint_writer.hpp"

#include <stdexcept>

#include "snnsense/core/error.hpp"
#include "snnsense/training/trainer_state.hpp"

namespace snnsense {

void CheckpointOptions::validate() const {
  if (every < 0) throw InputError("--checkpoint-every: must be non-negative (0: only when interrupted)");
}

CheckpointWriter::CheckpointWriter(CheckpointOptions options, Checkpoint header)
    : options_(std::move(options)), header_(std::move(header)) {
  options_.validate();
}

std::optional<StopReason> CheckpointWriter::on_iteration(const IterationState& state) {
  const bool interrupted = options_.interrupt && options_.interrupt->load();
  const bool due = options_.every > 0 && state.iteration > 0 && state.iteration % options_.every == 0;
  if (interrupted || due) write(state);
  if (interrupted) return StopReason::interrupted;
  return std::nullopt;
}

void CheckpointWriter::write(const IterationState& state) {
  if (!state.run || state.run->callbacks.empty() || state.run->callbacks.back() != this)
    throw std::logic_error("CheckpointWriter must be the last callback of the run");
  StateWriter run;
  state.run->save(state, run);
  header_.run = run.take();
  write_checkpoint(options_.file, header_, search_);
  header_.run.clear();
  last_written_ = state.iteration;
  if (options_.after_write) options_.after_write(state.iteration);
}

}  // namespace snnsense
