#pragma once
// A grid of training runs read from GRID.json:
//
//   {"problem": ["p1", "p2"],                      one problem directory or a list of them,
//                                                  relative to the grid file's folder
//    "base": {"model": "snn", "iters": 2000},      options shared by every run
//    "grid": {"init-scale": [1, 0.1], "seed": [0, 1]}}   each key's values, one list per key
//
// The option keys are `train`'s long options (its --config keys); the caller turns each
// configuration's options into a TrainingJob the way `train` does, so a sweep's run is the run
// `train --config` would make. The configurations are the problems (in the file's order), each
// with the cartesian product of the grid's lists: keys in alphabetical order, the last key
// varying fastest. Each is named "<problem folder>/<key>=<value>+..." (characters other than
// letters, digits and ._=+- replaced by '_'), which is also its run directory under runs/.
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace snnsense {

struct SweepConfiguration {
  std::string name;               // "p1/init-scale=0.1+seed=2"
  std::filesystem::path problem;  // absolute
  nlohmann::json options;         // base with this configuration's grid values
  std::vector<std::string> values;  // the grid values as text, in SweepGrid::keys order
};

struct SweepGrid {
  std::filesystem::path file;
  std::vector<std::filesystem::path> problems;  // absolute, normalised
  nlohmann::json base = nlohmann::json::object();
  nlohmann::json grid = nlohmann::json::object();  // key -> non-empty list of values

  // FileError naming the file and the key: not a JSON object, a key other than problem/base/grid,
  // no problem or a missing problem directory, an empty list, a value that is neither a scalar
  // nor a list of scalars, a key both in base and in grid, two problems with one folder name.
  static SweepGrid read(const std::filesystem::path& file);

  std::vector<std::string> keys() const;  // the grid's keys, in order
  std::vector<SweepConfiguration> configurations() const;
  // What the sweep is: the problems (absolute), base and grid; recorded as sweep.json.
  nlohmann::json to_json() const;
};

}  // namespace snnsense
