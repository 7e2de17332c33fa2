#pragma once
// The memory a problem directory takes once loaded and in use, estimated from problem.json and
// the sizes of its files before any array is read, so that a problem too large for the machine is
// refused in one line instead of dying in the middle of load_problem.
#include <filesystem>

#include "snnsense/core/memory_estimate.hpp"

namespace snnsense {

// The arrays as stored (.npy holds them raw), the copies the train/test split makes while the
// whole set is still held, and for completion the distinct-entry check (at load) and the entry
// orders by row and by column (built at the first pass of training): an upper bound, since the
// transient parts are added to the lasting ones. Throws FileError for a directory load_problem
// would refuse for its manifest.
MemoryEstimate problem_memory(const std::filesystem::path& dir);

// InputError naming the directory, the estimate and --max-memory (see check_memory) when loading
// it would exceed the limit that max_memory_gb sets.
void check_problem_memory(const std::filesystem::path& dir, double max_memory_gb);

}  // namespace snnsense
