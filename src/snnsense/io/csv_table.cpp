#include "snnsense/io/csv_table.hpp"

#include <algorithm>
#include <fstream>
#include <limits>
#include <sstream>

#include "snnsense/io/file_error.hpp"

namespace snnsense {

namespace {

std::vector<std::string> split(const std::string& line) {
  std::vector<std::string> cells;
  std::stringstream in(line);
  std::string cell;
  while (std::getline(in, cell, ',')) cells.push_back(cell);
  if (!line.empty() && line.back() == ',') cells.emplace_back();
  return cells;
}

}  // namespace

bool CsvTable::has(const std::string& name) const { return std::find(names.begin(), names.end(), name) != names.end(); }

const std::vector<double>& CsvTable::column(const std::string& name) const {
  const auto it = std::find(names.begin(), names.end(), name);
  if (it == names.end()) throw_file_error(source, "no column '" + name + "'");
  return columns[static_cast<std::size_t>(it - names.begin())];
}

CsvTable read_csv_table(const std::filesystem::path& file) {
  std::ifstream in(file);
  if (!in) throw_file_error(file, "cannot open (no such file)");
  CsvTable table;
  table.source = file;
  std::string line;
  if (!std::getline(in, line)) throw_file_error(file, "empty file (expected a header row)");
  table.names = split(line);
  table.columns.resize(table.names.size());
  for (std::size_t row = 2; std::getline(in, line); ++row) {
    if (line.empty()) continue;
    const std::vector<std::string> cells = split(line);
    if (cells.size() != table.names.size())
      throw_file_error(file, "line " + std::to_string(row) + " has " + std::to_string(cells.size()) + " cells, the header " +
                                 std::to_string(table.names.size()));
    for (std::size_t c = 0; c < cells.size(); ++c) {
      if (cells[c].empty()) {
        table.columns[c].push_back(std::numeric_limits<double>::quiet_NaN());
        continue;
      }
      std::size_t used = 0;
      double value = 0;
      try {
        value = std::stod(cells[c], &used);
      } catch (const std::exception&) {
        used = 0;
      }
      if (used != cells[c].size() || used == 0)
        throw_file_error(file, "line " + std::to_string(row) + ", column '" + table.names[c] + "': not a number: '" +
                                   cells[c] + "'");
      table.columns[c].push_back(value);
    }
  }
  return table;
}

}  // namespace snnsense
