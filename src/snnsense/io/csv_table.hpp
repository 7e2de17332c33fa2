#pragma once
// Reads the CSV files snnsense writes (trace.csv, singular_values.csv, table.csv): a header row,
// then cells. Numeric columns read as doubles, with an empty cell as NaN (a quantity that does
// not apply); text columns (model names, statuses) read as strings.
#include <filesystem>
#include <string>
#include <vector>

namespace snnsense {

struct CsvTable {
  std::filesystem::path source;
  std::vector<std::string> names;
  std::vector<std::vector<std::string>> cells;  // one vector per column

  bool has(const std::string& name) const;
  // Throw FileError naming the file: a missing column, or (numeric) a cell that is not a number.
  std::vector<double> column(const std::string& name) const;
  const std::vector<std::string>& text_column(const std::string& name) const;
};

CsvTable read_csv_table(const std::filesystem::path& file);

}  // namespace snnsense
