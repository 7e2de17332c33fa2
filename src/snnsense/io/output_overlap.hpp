#pragma once
// An output that would be replaced must stay clear of everything the command reads: `train
// --problem p --out p --force` would otherwise delete the problem it trains on. Paths are compared
// after resolving symlinks and `..`, both as the name the command replaces and as what it points to.
#include <filesystem>
#include <string>
#include <vector>

namespace snnsense {

// A path as the user gave it, with the option that named it ("--problem", "RUN").
struct NamedPath {
  std::string option;
  std::filesystem::path path;  // empty: not given, skipped
};

// Throws InputError, one line naming both options and paths, when `output` is, contains or lies
// inside one of `inputs`. Call before any work.
void refuse_output_over_inputs(const NamedPath& output, const std::vector<NamedPath>& inputs);

}  // namespace snnsense
