#pragma once
// A training run's checkpoint: one file from which `train --resume` continues the run exactly.
//
// Layout (little-endian):
//   8 bytes   "SNNSCKPT"
//   u64       format version (kCheckpointVersion)
//   u64       payload length
//   payload   (core/state_stream.hpp)
//               string  job: TrainingJob::to_json(), config.json's keys (the resumed job must match)
//               string  caller: what the caller needs to rebuild the job (the CLI's options), JSON
//               u64     the problem's fingerprint (problem_fingerprint)
//               vector  the initial parameters (every search candidate starts from them)
//               bool    a step-size search is under way; then its record (StepSizeSearchResult::save)
//               string  the run in progress (training/trainer_state.hpp)
//   u64       FNV-1a hash of the payload
// A file shorter or longer than its header says, of another version, with another hash or with a
// malformed payload is refused with a FileError naming it.
#include <cstdint>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "snnsense/problems/problem.hpp"
#include "snnsense/training/step_size_search.hpp"

namespace snnsense {

inline constexpr std::uint64_t kCheckpointVersion = 1;

struct Checkpoint {
  nlohmann::json job = nlohmann::json::object();
  nlohmann::json caller = nlohmann::json::object();
  std::uint64_t problem_fingerprint = 0;
  Vector initial;
  std::optional<StepSizeSearchResult> search;
  std::string run;     // TrainerState's bytes
  std::string source;  // the file it was read from, for messages
};

// What identifies a problem's data for a checkpoint: its shape and measurements (train and test).
std::uint64_t problem_fingerprint(const Problem& problem);

// The file's bytes for a checkpoint whose search record (if any) is `search`.
std::string encode_checkpoint(const Checkpoint& checkpoint, const StepSizeSearchResult* search);
// Parses a file's bytes; FileError "<source>: ..." for anything but a well-formed checkpoint.
Checkpoint decode_checkpoint(std::string_view bytes, const std::string& source);
// The payload alone, once the frame (magic, version, length, hash) has been checked.
Checkpoint decode_checkpoint_payload(std::string_view payload, const std::string& source);

// Written atomically: a temporary beside `file`, flushed to the disk, renamed over it.
void write_checkpoint(const std::filesystem::path& file, const Checkpoint& checkpoint,
                      const StepSizeSearchResult* search);
Checkpoint read_checkpoint(const std::filesystem::path& file);

// Where a run directory's checkpoint lives: beside it, "<run>.checkpoint" (the run directory
// itself appears only complete).
std::filesystem::path checkpoint_path(const std::filesystem::path& run_directory);

}  // namespace snnsense
