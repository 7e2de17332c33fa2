#pragma once
// `snnsense import`: a completion problem from a user's triplet file (CSV or Matrix Market), with
// a seeded train/test split or a second file of held-out entries.
//
// What the ids mean:
//   - labels (the CSV default): ids are arbitrary integer labels (user 17, movie 2571). The distinct
//     ids of both files, sorted, become rows 0..n1-1 (columns 0..n2-1); the problem keeps them
//     (Problem::row_ids, col_ids) so that position k means the k-th smallest id.
//   - 0 or 1 (CSV, --index-base): ids are 0- or 1-based positions. The shape is the largest id
//     (+1 for 0-based) over both files, or --shape.
//   - Matrix Market files are 1-based positions in the shape of their size line.
// Every fault names the file and line: an id out of range, the same (row, col) twice in a file or
// in both files. Test ids unseen in the training file are added to the shape (a row with no
// training entry, as ratings data sets' own splits have).
#include <cstdint>
#include <optional>
#include <string>
#include <utility>

#include "snnsense/core/enum_names.hpp"
#include "snnsense/io/triplets.hpp"
#include "snnsense/problems/problem.hpp"

namespace snnsense {

enum class IndexBase { labels, zero, one };

template <>
struct EnumNames<IndexBase> {
  static constexpr std::array<std::pair<IndexBase, std::string_view>, 3> table{
      {{IndexBase::labels, "labels"}, {IndexBase::zero, "0"}, {IndexBase::one, "1"}}};
};

struct ImportOptions {
  std::optional<IndexBase> index_base;  // unset: labels for CSV (Matrix Market files are 1-based)
  std::optional<std::pair<Index, Index>> shape;  // with --index-base 0 or 1 only
  double test_fraction = 0.1;  // held out at random when there is no test file
  std::uint64_t seed = 0;      // the split's seed

  // Throws InputError naming the option.
  void validate() const;
};

struct ImportedProblem {
  Problem problem;
  // One line each on how rows and columns were read: "rows: 943 distinct ids (1..943) mapped to 0..942".
  std::string rows_note, cols_note;
};

// `test` may be null (then options.test_fraction splits `train`). Throws FileError
// "<file>:<line>: <fault>" for a bad entry and InputError for options that do not fit the files.
ImportedProblem import_triplets(const Triplets& train, const Triplets* test, const ImportOptions& options);

struct EntryPositions {
  IndexVector rows, cols;
};

// Where the entries of `entries` (ids as a user writes them, e.g. read_entry_csv) lie in `problem`,
// under the ids' meaning at import: through row_ids/col_ids when the problem has them (labels),
// else as positions of the base its provenance records ("index_base": "1" for 1-based; 0-based
// otherwise, as generated problems are). FileError "<file>:<line>: <fault>" for an id the problem
// does not know or one outside its shape.
EntryPositions entry_positions(const Triplets& entries, const Problem& problem);

}  // namespace snnsense
