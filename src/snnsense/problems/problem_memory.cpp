#include "snnsense/problems/problem_memory.hpp"

#include <set>
#include <string>

#include "snnsense/io/json_file.hpp"
#include "snnsense/problems/distinct_entries.hpp"
#include "snnsense/problems/problem_manifest.hpp"

namespace snnsense {

namespace fs = std::filesystem;

namespace {

// Arrays a loaded problem holds once, whatever the split: the ground truth and the id labels.
const std::set<std::string> kUnsplitArrays = {"X_true.npy", "x_true_left.npy", "x_true_right.npy", "row_ids.npy",
                                              "col_ids.npy"};

}  // namespace

MemoryEstimate problem_memory(const fs::path& dir) {
  const fs::path manifest_file = dir / "problem.json";
  const Manifest manifest = parse_manifest(read_json(manifest_file), manifest_file);
  double stored = 0.0, split = 0.0;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    if (entry.path().extension() != ".npy" || !entry.is_regular_file(ec)) continue;
    const auto bytes = static_cast<double>(entry.file_size(ec));
    if (ec) continue;  // vanished or unreadable: load_problem names it
    stored += bytes;
    if (!kUnsplitArrays.contains(entry.path().filename().string())) split += bytes;
  }
  MemoryEstimate memory;
  memory.parts.push_back({"arrays as stored", stored});
  memory.parts.push_back({"the train/test split's copies", split});
  if (manifest.kind == OperatorKind::completion) {
    const auto count = static_cast<double>(manifest.train + manifest.test);
    const auto train = static_cast<double>(manifest.train);
    memory.parts.push_back({"distinct-entry check", kDistinctEntryCheckBytes * count});
    // EntryOrder by row and by column: two indices per entry and one offset per row (column) each.
    memory.add_doubles("entry orders by row and by column",
                       4.0 * train + static_cast<double>(manifest.n1) + static_cast<double>(manifest.n2));
  }
  return memory;
}

void check_problem_memory(const fs::path& dir, double max_memory_gb) {
  check_memory(problem_memory(dir), max_memory_gb, "loading the problem " + dir.string(),
               "use a machine with more memory, or store it in parts (snnsense shard DIR --parts K) and train "
               "under mpirun -np K, each process reading only its part");
}

}  // namespace snnsense
