#pragma once
// CSV triplet files, one observed entry per line: `row,col,value` (or `row,col`, read_entry_csv).
//   - Fields are separated by commas when the first non-blank line has one, else by runs of spaces
//     or tabs; spaces around a field are ignored; blank lines are skipped.
//   - A header is a first line none of whose fields is a number ("user,item,rating"); a first
//     line such as "1,2,x" is a bad data line, not a header.
//   - Every line has exactly three fields: two integer ids and a finite value. What the ids mean
//     (labels or positions) is the caller's choice; they are kept as written.
#include <filesystem>

#include "snnsense/io/triplets.hpp"

namespace snnsense {

// Throws FileError "<file>:<line>: <fault>" (or "<file>: <fault>" for an empty or missing file).
Triplets read_triplet_csv(const std::filesystem::path& file);

// The same format without the value: lines of `row,col` (the entries `predict` is asked for), read
// under the same rules (separator, header, ids kept as written); `values` stays empty.
Triplets read_entry_csv(const std::filesystem::path& file);

}  // namespace snnsense
