#include "snnsense/experiments/sweep/sweep_grid.hpp"

#include <algorithm>
#include <cctype>
#include <set>

#include "snnsense/io/file_error.hpp"
#include "snnsense/io/json_file.hpp"

namespace snnsense {

namespace {

bool is_scalar(const nlohmann::json& v) { return v.is_string() || v.is_number() || v.is_boolean(); }

// A value as an option takes it: a scalar, or a list of scalars ("layers": [4, 8]).
void check_value(const nlohmann::json& v, const std::filesystem::path& file, const std::string& key) {
  if (is_scalar(v)) return;
  if (v.is_array() && !v.empty() && std::all_of(v.begin(), v.end(), is_scalar)) return;
  throw_file_error(file, "key '" + key + "': expected a string, number, boolean or list of them");
}

// Lists read as space-separated items, so that no value holds the CSV table's comma.
std::string value_text(const nlohmann::json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (!v.is_array()) return v.dump();
  std::string text;
  for (const auto& item : v) {
    if (!text.empty()) text += ' ';
    text += value_text(item);
  }
  return text;
}

std::string sanitised(const std::string& text) {
  std::string out = text;
  for (char& c : out)
    if (!std::isalnum(static_cast<unsigned char>(c)) && std::string("._=+-").find(c) == std::string::npos) c = '_';
  return out;
}

}  // namespace

SweepGrid SweepGrid::read(const std::filesystem::path& file) {
  const nlohmann::json json = read_json(file);
  if (!json.is_object()) throw_file_error(file, "expected a JSON object with keys problem, base and grid");
  SweepGrid g;
  g.file = file;
  for (const auto& [key, value] : json.items())
    if (key != "problem" && key != "base" && key != "grid")
      throw_file_error(file, "unknown key '" + key + "' (the keys are problem, base and grid)");
  if (!json.contains("problem")) throw_file_error(file, "key 'problem' is missing");
  nlohmann::json problems = json["problem"];
  if (problems.is_string()) problems = nlohmann::json::array({problems});
  if (!problems.is_array() || problems.empty())
    throw_file_error(file, "key 'problem': expected a problem directory or a non-empty list of them");
  std::set<std::string> labels;
  const std::filesystem::path folder = std::filesystem::absolute(file).parent_path();
  for (const auto& p : problems) {
    if (!p.is_string()) throw_file_error(file, "key 'problem': expected directory names (strings)");
    const std::filesystem::path dir = (folder / p.get<std::string>()).lexically_normal();
    if (!std::filesystem::is_directory(dir)) throw_file_error(file, "key 'problem': no directory " + dir.string());
    const std::filesystem::path trimmed = dir.has_filename() ? dir : dir.parent_path();
    if (!labels.insert(trimmed.filename().string()).second)
      throw_file_error(file, "key 'problem': two problems named " + trimmed.filename().string());
    g.problems.push_back(trimmed);
  }
  for (const char* part : {"base", "grid"}) {
    if (!json.contains(part)) continue;
    if (!json[part].is_object()) throw_file_error(file, std::string("key '") + part + "': expected a JSON object");
  }
  if (json.contains("base")) g.base = json["base"];
  if (json.contains("grid")) g.grid = json["grid"];
  for (const auto& [key, value] : g.base.items()) check_value(value, file, key);
  for (const auto& [key, values] : g.grid.items()) {
    if (!values.is_array() || values.empty()) throw_file_error(file, "key '" + key + "': expected a non-empty list");
    for (const auto& v : values) check_value(v, file, key);
    if (g.base.contains(key)) throw_file_error(file, "key '" + key + "' is in both base and grid");
  }
  const std::vector<SweepConfiguration> all = g.configurations();
  std::set<std::string> names;
  for (const auto& c : all)
    if (!names.insert(c.name).second) throw_file_error(file, "key 'grid': two configurations named " + c.name);
  return g;
}

std::vector<std::string> SweepGrid::keys() const {
  std::vector<std::string> k;
  for (const auto& [key, values] : grid.items()) k.push_back(key);  // nlohmann::json sorts object keys
  return k;
}

std::vector<SweepConfiguration> SweepGrid::configurations() const {
  const std::vector<std::string> k = keys();
  std::vector<SweepConfiguration> out;
  for (const auto& problem : problems) {
    std::vector<std::size_t> at(k.size(), 0);  // an odometer over the lists, last key fastest
    while (true) {
      SweepConfiguration c;
      c.problem = problem;
      c.options = base;
      std::string label;
      for (std::size_t i = 0; i < k.size(); ++i) {
        const nlohmann::json& v = grid[k[i]][at[i]];
        c.options[k[i]] = v;
        c.values.push_back(value_text(v));
        label += (i ? "+" : "") + k[i] + "=" + c.values.back();
      }
      c.name = sanitised(problem.filename().string()) + "/" + sanitised(k.empty() ? "base" : label);
      out.push_back(std::move(c));
      std::size_t i = k.size();
      while (i > 0 && ++at[i - 1] == grid[k[i - 1]].size()) at[--i] = 0;
      if (i == 0) break;
    }
  }
  return out;
}

nlohmann::json SweepGrid::to_json() const {
  nlohmann::json p = nlohmann::json::array();
  for (const auto& dir : problems) p.push_back(dir.string());
  return {{"problem", p}, {"base", base}, {"grid", grid}};
}

}  // namespace snnsense
