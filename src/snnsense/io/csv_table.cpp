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

const std::vector<std::string>& CsvTable::text_column(const std::string& name) const {
  const auto it = std::find(names.begin(), names.end(), name);
  if (it == names.end()) throw_file_error(source, "no column '" + name + "'");
  return cells[static_cast<std::size_t>(it - names.begin())];
}

std::vector<double> CsvTable::column(const std::string& name) const {
  std::vector<double> values;
  const std::vector<std::string>& text = text_column(name);
  for (std::size_t row = 0; row < text.size(); ++row) {
    if (text[row].empty()) {
      values.push_back(std::numeric_limits<double>::quiet_NaN());
      continue;
    }
    std::size_t used = 0;
    double value = 0;
    try {
      value = std::stod(text[row], &used);
    } catch (const std::exception&) {
      used = 0;
    }
    if (used != text[row].size() || used == 0)
      throw_file_error(source, "line " + std::to_string(row + 2) + ", column '" + name + "': not a number: '" +
                                   text[row] + "'");
    values.push_back(value);
  }
  return values;
}

CsvTable read_csv_table(const std::filesystem::path& file) {
  std::ifstream in(file);
  if (!in) throw_file_error(file, "cannot open (no such file)");
  CsvTable table;
  table.source = file;
  std::string line;
  if (!std::getline(in, line)) throw_file_error(file, "empty file (expected a header row)");
  table.names = split(line);
  table.cells.resize(table.names.size());
  for (std::size_t row = 2; std::getline(in, line); ++row) {
    if (line.empty()) continue;
    const std::vector<std::string> cells = split(line);
    if (cells.size() != table.names.size())
      throw_file_error(file, "line " + std::to_string(row) + " has " + std::to_string(cells.size()) + " cells, the header " +
                                 std::to_string(table.names.size()));
    for (std::size_t c = 0; c < cells.size(); ++c) table.cells[c].push_back(cells[c]);
  }
  return table;
}

}  // namespace snnsense
