#pragma once
// A problem held in parts for data-parallel training: each process of a Communicator holds a
// contiguous block of the training and of the held-out measurements (in rank order the blocks are
// the whole problem's, in order), wrapped in DistributedOperators; everything else (shape, truth,
// basis, ids) is the whole problem's on every process.
//
// Two ways to get the parts: problem_part() splits a problem every process has loaded whole (a
// plain problem directory, small enough for each process to read), and load_problem_part() reads
// only this process's part of a directory written by save_problem_parts() (`snnsense shard`).
#include <filesystem>

#include "snnsense/core/communicator.hpp"
#include "snnsense/problems/problem.hpp"

namespace snnsense {

// Measurements [begin, end) of `count` that process `rank` of `size` holds: sizes differ by at most one.
struct PartRange {
  Index begin = 0;
  Index end = 0;
};
PartRange part_range(Index count, int rank, int size);

// This process's part of `whole`. With one process, `whole` itself.
Problem problem_part(const Problem& whole, const CommunicatorPtr& comm);

// The manifest of a sharded problem directory: parts.json beside part-0, part-1, ...
inline constexpr const char* kPartsManifest = "parts.json";
std::filesystem::path part_directory(const std::filesystem::path& dir, int part);
bool is_sharded(const std::filesystem::path& dir);

// Writes `whole` into an existing (staging) directory as `parts` problem directories part-k, each
// a complete problem holding part k's measurements (part_range) and the rest of the problem, and
// parts.json recording the parts and their measurement counts.
void save_problem_parts(const Problem& whole, int parts, const std::filesystem::path& dir);

// This process's part: from a sharded directory whose part count is the process count (each
// process reads parts.json and its part-k only), or split from a plain problem directory every
// process reads whole. No collective operation: a process may fail where the others do not (its
// part's file), so callers agree on the outcome (run_agreed) before any process goes on.
Problem load_problem_part(const std::filesystem::path& dir, const CommunicatorPtr& comm);

}  // namespace snnsense
