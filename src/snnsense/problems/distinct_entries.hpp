#pragma once
// A completion problem observes each entry at most once: the same (row, col) twice would weigh
// that entry double in the loss, and a test measurement equal to a training one tests nothing.
// Problems with repeated entries are refused rather than averaged silently.
#include <optional>
#include <string>

#include "snnsense/core/types.hpp"

namespace snnsense {

inline constexpr double kDistinctEntryCheckBytes = 24.0;

struct DuplicateEntry {
  Index row = 0, col = 0;
  Index first = 0, second = 0;  // measurement indices (0-based, training measurements first), first < second

  // "entry (row, col) is measured twice, at measurements first and second ..."
  std::string describe() const;
};

// The repeat with the smallest second index, or nothing when all (rows[i], cols[i]) are distinct.
// Takes kDistinctEntryCheckBytes of working memory per entry.
std::optional<DuplicateEntry> first_duplicate_entry(const IndexVector& rows, const IndexVector& cols);

}  // namespace snnsense
