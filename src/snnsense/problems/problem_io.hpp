#pragma once
// A problem on disk: a directory with problem.json (the manifest) and .npy arrays; imported
// problems whose ids were labels add row_ids.npy and col_ids.npy (int64, ascending, one per row / column).
#include <filesystem>

#include "snnsense/problems/problem.hpp"

namespace snnsense {

// Writes into an existing (staging) directory; the caller renames it into place.
void save_problem(const Problem& problem, const std::filesystem::path& dir);

// Validates everything (manifest fields and types, format version, dtypes, shapes against the
// manifest, finite values, index bounds) and throws FileError naming the file and the fault.
Problem load_problem(const std::filesystem::path& dir);

}  // namespace snnsense
