#pragma once
// Reads the numeric CSV files snnsense writes (trace.csv, singular_values.csv): a header row,
// then numbers; an empty cell reads as NaN (a quantity that does not apply).
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace snnsense {

struct CsvTable {
  std::vector<std::string> names;
  std::vector<std::vector<double>> columns;

  bool has(const std::string& name) const;
  // Throws FileError naming the file when the column is missing.
  const std::vector<double>& column(const std::string& name) const;
  std::filesystem::path source;
};

CsvTable read_csv_table(const std::filesystem::path& file);

}  // namespace snnsense
