#pragma once
// A completion problem from observed entries: the one place where imported files (`snnsense
// import`) and Python's Problem.from_sparse become a Problem.
#include <nlohmann/json.hpp>

#include "snnsense/problems/entry_split.hpp"
#include "snnsense/problems/problem.hpp"

namespace snnsense {

// Entries at 0-based positions of an n1 x n2 matrix, each observed once (callers check with
// first_duplicate_entry, where they can say which line or index repeats). No ground truth, no
// known noise. Throws InputError for a position outside the shape or values that are not finite.
Problem completion_problem(Index n1, Index n2, const IndexVector& rows, const IndexVector& cols, const Vector& values,
                           const EntrySplit& split, nlohmann::json provenance);

}  // namespace snnsense
