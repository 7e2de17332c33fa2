#pragma once
// The convex solution as a run directory, beside the trained models', so that diagnose,
// compare and the reproductions read every method the same way.
#include "snnsense/convex/soft_impute.hpp"
#include "snnsense/convex/solve.hpp"
#include "snnsense/training/run_files.hpp"

namespace snnsense {

// The convex solution's name wherever it stands beside the trained models: the model recorded in
// its run files, its name in --models and recipes, and its run directory.
inline constexpr const char kConvexModel[] = "nuclear";

// config.json holds the resolved options and version (the caller adds where the problem lives).
RunFiles convex_run_files(const Problem& problem, const SolveOptions& options, const SolveResult& result);

// Soft-impute's best lambda as a factored estimate (X_left.npy, X_right.npy), its options as the
// config and its path in the summary. The caller writes lambda_path.csv (write_path_csv).
RunFiles soft_impute_run_files(const Problem& problem, const SoftImputeOptions& options,
                               const SoftImputeResult& result);

}  // namespace snnsense
