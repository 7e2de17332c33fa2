#pragma once
// CSV triplet files, one observed entry per line: `row,col,value` (or `row,col`, read_entry_csv).
//   - Fields are separated by commas when the first non-blank line has one, else by runs of spaces
//     or tabs; spaces around a field are ignored; blank lines are skipped.
//   - A header is a first line none of whose fields is a number ("user,item,rating"); a first
//     line such as "1,2,x" is a bad data line, not a header.
//   - Every line has exactly three fields: two integer ids and a finite value. What the ids mean
//     (labels or positions) is the caller's choice; they are kept as written.
//   - Files with more fields, such as ratings with a timestamp (user,item,rating,time), are read by
//     naming the fields that hold the row id, the column id and the value (CsvColumns): every
//     line then has as many fields as the first one.
#include <array>
#include <cstddef>
#include <filesystem>
#include <string>

#include "snnsense/io/triplets.hpp"

namespace snnsense {

// The 0-based fields holding the row id, the column id and the value. Unless chosen, a file has
// exactly those three fields; once chosen, as many as its first line.
struct CsvColumns {
  std::array<std::size_t, 3> fields{0, 1, 2};
  bool chosen = false;

  // "R,C,V" with 1-based field numbers, as `cut -f` counts them; InputError naming --columns.
  static CsvColumns parse(const std::string& text);
};

// Throws FileError "<file>:<line>: <fault>" (or "<file>: <fault>" for an empty or missing file).
Triplets read_triplet_csv(const std::filesystem::path& file, const CsvColumns& columns = {});

// The same format without the value: lines of `row,col` (the entries `predict` is asked for), read
// under the same rules (separator, header, ids kept as written); `values` stays empty.
Triplets read_entry_csv(const std::filesystem::path& file);

}  // namespace snnsense
