#include "snnsense/problems/problem_part.hpp"

#include <string>

#include "snnsense/io/json_file.hpp"
#include "snnsense/operators/distributed_operator.hpp"
#include "snnsense/problems/problem_io.hpp"

namespace snnsense {

namespace fs = std::filesystem;

namespace {

constexpr int kPartsFormat = 1;

// The problem whose operators and measurements are those of `whole` in [train.begin, train.end)
// and [test.begin, test.end); the rest is `whole`'s.
Problem restricted(const Problem& whole, PartRange train, PartRange test) {
  Problem part = whole;
  part.train_operator = whole.train_operator->slice(train.begin, train.end);
  part.train_y = whole.train_y.segment(train.begin, train.end - train.begin);
  part.test_operator = whole.test_operator->slice(test.begin, test.end);
  part.test_y = whole.test_y.segment(test.begin, test.end - test.begin);
  return part;
}

// `part`'s operators wrapped as the blocks starting at the given offsets of the given totals.
Problem distributed(Problem part, Index train_offset, Index train_total, Index test_offset, Index test_total,
                    const CommunicatorPtr& comm) {
  part.train_operator = DistributedOperator::contiguous(part.train_operator, train_offset, train_total, comm);
  part.test_operator = DistributedOperator::contiguous(part.test_operator, test_offset, test_total, comm);
  return part;
}

Index count_at(const nlohmann::json& manifest, const fs::path& file, const char* key, int k) {
  const nlohmann::json& counts = manifest.at(key);
  if (!counts.is_array() || counts.size() != manifest.at("parts").get<std::size_t>())
    throw FileError(file.string() + ": '" + key + "' must list one count per part");
  const Index count = counts.at(static_cast<std::size_t>(k)).get<Index>();
  if (count < 0) throw FileError(file.string() + ": '" + key + "' holds a negative count");
  return count;
}

Problem load_own_part(const fs::path& dir, const CommunicatorPtr& comm) {
  const fs::path file = dir / kPartsManifest;
  const nlohmann::json manifest = read_json(file);
  Index train_offset = 0, train_total = 0, test_offset = 0, test_total = 0;
  try {
    if (manifest.at("format").get<int>() != kPartsFormat)
      throw FileError(file.string() + ": unknown format " + manifest.at("format").dump());
    const int parts = manifest.at("parts").get<int>();
    if (parts != comm->size())
      throw FileError(file.string() + ": the problem is stored in " + std::to_string(parts) + " parts for " +
                      (comm->size() == 1 ? std::string("1 process") : std::to_string(comm->size()) + " processes") +
                      "; run with mpirun -np " + std::to_string(parts) +
                      " or shard it again with --parts " + std::to_string(comm->size()));
    for (int k = 0; k < parts; ++k) {
      const Index train = count_at(manifest, file, "train", k), test = count_at(manifest, file, "test", k);
      if (k < comm->rank()) train_offset += train, test_offset += test;
      train_total += train;
      test_total += test;
    }
  } catch (const nlohmann::json::exception& e) {
    throw FileError(file.string() + ": " + e.what());
  }
  const fs::path own = part_directory(dir, comm->rank());
  Problem part = load_problem(own);
  const Index expected_train = count_at(manifest, file, "train", comm->rank());
  const Index expected_test = count_at(manifest, file, "test", comm->rank());
  if (part.train_operator->measurements() != expected_train || part.test_operator->measurements() != expected_test)
    throw FileError(own.string() + ": holds " + std::to_string(part.train_operator->measurements()) + " train and " +
                    std::to_string(part.test_operator->measurements()) + " test measurements, " +
                    file.string() + " says " + std::to_string(expected_train) + " and " +
                    std::to_string(expected_test));
  return distributed(std::move(part), train_offset, train_total, test_offset, test_total, comm);
}

}  // namespace

PartRange part_range(Index count, int rank, int size) {
  return {count * rank / size, count * (rank + 1) / size};
}

Problem problem_part(const Problem& whole, const CommunicatorPtr& comm) {
  if (comm->size() == 1) return whole;
  const Index m = whole.train_count(), t = whole.test_count();
  const PartRange train = part_range(m, comm->rank(), comm->size());
  const PartRange test = part_range(t, comm->rank(), comm->size());
  return distributed(restricted(whole, train, test), train.begin, m, test.begin, t, comm);
}

fs::path part_directory(const fs::path& dir, int part) { return dir / ("part-" + std::to_string(part)); }

bool is_sharded(const fs::path& dir) {
  std::error_code ec;
  return fs::exists(dir / kPartsManifest, ec);
}

void save_problem_parts(const Problem& whole, int parts, const fs::path& dir) {
  if (parts < 1) throw InputError("--parts must be at least 1, got " + std::to_string(parts));
  nlohmann::json manifest{{"format", kPartsFormat}, {"parts", parts}, {"n1", whole.n1}, {"n2", whole.n2}};
  manifest["train"] = nlohmann::json::array();
  manifest["test"] = nlohmann::json::array();
  for (int k = 0; k < parts; ++k) {
    const PartRange train = part_range(whole.train_count(), k, parts);
    const PartRange test = part_range(whole.test_count(), k, parts);
    const fs::path own = part_directory(dir, k);
    fs::create_directory(own);
    save_problem(restricted(whole, train, test), own);
    manifest["train"].push_back(train.end - train.begin);
    manifest["test"].push_back(test.end - test.begin);
  }
  write_json(dir / kPartsManifest, manifest);
}

Problem load_problem_part(const fs::path& dir, const CommunicatorPtr& comm) {
  return is_sharded(dir) ? load_own_part(dir, comm) : problem_part(load_problem(dir), comm);
}

}  // namespace snnsense
