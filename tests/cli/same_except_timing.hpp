#pragma once
// Two output folders of the same command compared file by file, as "the same bytes except the
// fields that record time or version": JSON documents equal once the keys "seconds",
// "seconds_per_iteration" and "version" are removed at every depth, CSV files equal once their
// "seconds" column is removed, every other file (npy, png, txt) equal byte for byte. Reports
// (.md, .html) and figures' vector files (.svg) print those times and are left out: they are
// drawn from the files compared here.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "run_command.hpp"

namespace snnsense::testing {

inline bool is_timing_key(const std::string& key) {
  return key == "seconds" || key == "seconds_per_iteration" || key == "version";
}

inline nlohmann::json without_timing(const nlohmann::json& value) {
  if (value.is_array()) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& item : value) out.push_back(without_timing(item));
    return out;
  }
  if (!value.is_object()) return value;
  nlohmann::json out = nlohmann::json::object();
  for (const auto& [key, item] : value.items())
    if (!is_timing_key(key)) out[key] = without_timing(item);
  return out;
}

// The CSV text with the cells under a "seconds" header removed from every line.
inline std::string csv_without_timing(const std::string& text) {
  std::stringstream in(text);
  std::vector<bool> drop;
  std::string out;
  for (std::string line; std::getline(in, line);) {
    std::vector<std::string> cells;
    std::stringstream row(line);
    for (std::string cell; std::getline(row, cell, ',');) cells.push_back(cell);
    if (!line.empty() && line.back() == ',') cells.emplace_back();
    if (drop.empty())
      for (const std::string& c : cells) drop.push_back(c == "seconds");
    for (std::size_t i = 0; i < cells.size(); ++i)
      if (i >= drop.size() || !drop[i]) out += cells[i] + ",";
    out += "\n";
  }
  return out;
}

inline std::set<std::string> files_under(const std::filesystem::path& root) {
  std::set<std::string> files;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(root))
    if (entry.is_regular_file()) files.insert(std::filesystem::relative(entry.path(), root).string());
  return files;
}

inline void expect_same_except_timing(const std::filesystem::path& expected, const std::filesystem::path& actual) {
  const std::set<std::string> names = files_under(expected);
  EXPECT_EQ(files_under(actual), names) << actual << " vs " << expected;
  for (const std::string& name : names) {
    const std::filesystem::path a = expected / name, b = actual / name;
    const std::string ext = a.extension().string();
    if (ext == ".md" || ext == ".html" || ext == ".svg" || !std::filesystem::exists(b)) continue;
    if (ext == ".json")
      EXPECT_EQ(without_timing(nlohmann::json::parse(slurp(a))), without_timing(nlohmann::json::parse(slurp(b))))
          << name;
    else if (ext == ".csv")
      EXPECT_EQ(csv_without_timing(slurp(a)), csv_without_timing(slurp(b))) << name;
    else
      EXPECT_TRUE(slurp(a) == slurp(b)) << name << " differs";
  }
}

}  // namespace snnsense::testing
