#pragma once
// Observed entries of a matrix as a user's file lists them: (row id, column id, value) triplets,
// each with the line it came from so that every later complaint (an id out of range, an entry seen
// twice) can name the file and the line. Ids are kept as written; what they mean (labels or
// positions) is decided by the caller.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace snnsense {

enum class TripletFormat { csv, matrix_market };

struct Triplets {
  std::filesystem::path file;
  TripletFormat format = TripletFormat::csv;
  std::vector<std::int64_t> rows, cols;
  std::vector<double> values;       // empty for a file of entries without values (read_entry_csv)
  std::vector<std::int64_t> lines;  // 1-based line of each entry
  // CSV: whether the first line was a header and the field separator (',' or ' ' for whitespace).
  bool header = false;
  char delimiter = ',';
  // Matrix Market: the shape of the size line (ids are 1-based positions) and that line's number.
  std::optional<std::pair<std::int64_t, std::int64_t>> shape;
  std::int64_t shape_line = 0;

  std::size_t size() const { return rows.size(); }
  // "<file>:<line>: <fault>" for the entry at `index`.
  [[noreturn]] void fail_at(std::size_t index, const std::string& fault) const;
};

std::string to_string(TripletFormat format);  // "csv" or "matrix-market"

struct CsvColumns;

// Reads a CSV triplet file or a Matrix Market coordinate file, told apart by the first line
// ("%%MatrixMarket ..."). `columns` picks a CSV file's fields (triplet_csv.hpp); a Matrix Market
// file given other columns is refused. Throws FileError "<file>[:<line>]: <fault>" for any fault.
Triplets read_triplets(const std::filesystem::path& file);
Triplets read_triplets(const std::filesystem::path& file, const CsvColumns& columns);

}  // namespace snnsense
