#include "snnsense/io/output_overlap.hpp"

#include <algorithm>
#include <array>

#include "snnsense/core/error.hpp"

namespace snnsense {
namespace {

namespace fs = std::filesystem;

fs::path without_trailing_separator(fs::path path) {
  if (!path.has_filename() && path.has_parent_path()) path = path.parent_path();
  return path;
}

fs::path resolved(const fs::path& path) {
  std::error_code ec;
  fs::path result = fs::weakly_canonical(path, ec);
  if (ec) result = fs::absolute(path, ec).lexically_normal();
  return without_trailing_separator(result);
}

// Two readings of one name: what it resolves to (a symlink followed to its target), and the name
// itself in its resolved folder (what a rename or remove acts on).
std::array<fs::path, 2> readings(const fs::path& path) {
  std::error_code ec;
  const fs::path absolute = without_trailing_separator(fs::absolute(path, ec).lexically_normal());
  const fs::path literal =
      absolute.has_parent_path() && absolute.has_filename() ? resolved(absolute.parent_path()) / absolute.filename()
                                                             : absolute;
  return {resolved(path), literal};
}

// True when every component of `outer` starts `inner` (equal paths included).
bool encloses(const fs::path& outer, const fs::path& inner) {
  auto o = outer.begin(), i = inner.begin();
  for (; o != outer.end(); ++o, ++i)
    if (i == inner.end() || *o != *i) return false;
  return true;
}

std::string kind(const fs::path& path) {
  std::error_code ec;
  return fs::is_directory(path, ec) ? "directory" : "file";
}

}  // namespace

void refuse_output_over_inputs(const NamedPath& output, const std::vector<NamedPath>& inputs) {
  if (output.path.empty()) return;
  const auto out = readings(output.path);
  for (const NamedPath& input : inputs) {
    if (input.path.empty()) continue;
    const auto in = readings(input.path);
    std::string relation;
    for (const fs::path& a : out)
      for (const fs::path& b : in) {
        if (!relation.empty()) break;
        if (a == b)
          relation = "is";
        else if (encloses(a, b))
          relation = "contains";
        else if (encloses(b, a))
          relation = "lies inside";
      }
    if (relation.empty()) continue;
    throw InputError(output.option + " " + output.path.string() + ": " + relation + " the " + input.option + " " +
                     kind(input.path) + " " + input.path.string() + "; writing there could destroy it (choose another " +
                     output.option + ")");
  }
}

}  // namespace snnsense
