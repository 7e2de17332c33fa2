#pragma once
// The convex solution as a run directory, beside the trained models', so that diagnose,
// compare and the reproductions read every method the same way.
#include "snnsense/convex/solve.hpp"
#include "snnsense/training/run_files.hpp"

namespace snnsense {

// config.json holds the resolved options and version (the caller adds where the problem lives).
RunFiles convex_run_files(const Problem& problem, const SolveOptions& options, const SolveResult& result);

}  // namespace snnsense
