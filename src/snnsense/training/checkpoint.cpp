#include "snnsense/training/checkpoint.hpp"

#include <array>
#include <cstring>
#include <fstream>
#include <iterator>

#include "snnsense/io/atomic_file.hpp"
#include "snnsense/io/file_error.hpp"
#include "snnsense/operators/distributed_operator.hpp"

namespace snnsense {

namespace {

constexpr std::string_view kMagic = "SNNSCKPT";
constexpr std::size_t kHeaderBytes = kMagic.size() + 2 * sizeof(std::uint64_t);
constexpr std::size_t kHashBytes = sizeof(std::uint64_t);

class Fnv1a {
 public:
  void add(const void* data, std::size_t size) {
    const auto* bytes = static_cast<const unsigned char*>(data);
    for (std::size_t i = 0; i < size; ++i) hash_ = (hash_ ^ bytes[i]) * 0x100000001b3ull;
  }
  void add(const Vector& v) {
    const Index size = v.size();
    add(&size, sizeof size);
    add(v.data(), sizeof(double) * static_cast<std::size_t>(size));
  }
  std::uint64_t value() const { return hash_; }

 private:
  std::uint64_t hash_ = 0xcbf29ce484222325ull;
};

std::uint64_t hash_of(std::string_view bytes) {
  Fnv1a hash;
  hash.add(bytes.data(), bytes.size());
  return hash.value();
}

std::uint64_t u64_at(std::string_view bytes, std::size_t offset) {
  std::uint64_t value = 0;
  std::memcpy(&value, bytes.data() + offset, sizeof value);
  return value;
}

nlohmann::json json_from(const std::string& text, StateReader& in, const char* what) {
  try {
    return nlohmann::json::parse(text);
  } catch (const nlohmann::json::exception&) {
    in.fail(std::string("its ") + what + " is not JSON");
  }
}

}  // namespace

std::uint64_t problem_fingerprint(const Problem& problem) {
  Fnv1a hash;
  const Index shape[2] = {problem.n1, problem.n2};
  hash.add(shape, sizeof shape);
  hash.add(problem.train_y);
  hash.add(problem.test_y);
  const auto* parts = dynamic_cast<const DistributedOperator*>(problem.train_operator.get());
  if (!parts) return hash.value();
  // A problem held in parts: every process's hash of its part, in 16-bit pieces weighted by rank
  // so that their sums over the processes are exact, gives one fingerprint on all of them (a
  // checkpoint of K processes resumes with K processes).
  std::array<double, 4> pieces{};
  const double weight = parts->communicator().rank() + 1.0;
  for (std::size_t k = 0; k < pieces.size(); ++k)
    pieces[k] = weight * static_cast<double>((hash.value() >> (16 * k)) & 0xffff);
  parts->sum_over_parts(pieces);
  Fnv1a combined;
  const Index totals[4] = {problem.n1, problem.n2, problem.train_count(), problem.test_count()};
  combined.add(totals, sizeof totals);
  combined.add(pieces.data(), sizeof pieces);
  return combined.value();
}

std::string encode_checkpoint(const Checkpoint& checkpoint, const StepSizeSearchResult* search) {
  StateWriter payload;
  payload.put_string(checkpoint.job.dump());
  payload.put_string(checkpoint.caller.dump());
  payload.put_u64(checkpoint.problem_fingerprint);
  payload.put_vector(checkpoint.initial);
  payload.put_bool(search != nullptr);
  if (search) search->save(payload);
  payload.put_string(checkpoint.run);

  StateWriter file;
  std::string bytes(kMagic);
  file.put_u64(kCheckpointVersion);
  file.put_u64(payload.bytes().size());
  bytes += file.bytes();
  bytes += payload.bytes();
  StateWriter hash;
  hash.put_u64(hash_of(payload.bytes()));
  bytes += hash.bytes();
  return bytes;
}

Checkpoint decode_checkpoint(std::string_view bytes, const std::string& source) {
  auto refuse = [&source](const std::string& fault) { throw FileError(source + ": " + fault); };
  if (bytes.size() < kMagic.size() || bytes.substr(0, kMagic.size()) != kMagic)
    refuse("not an snnsense checkpoint (no SNNSCKPT header)");
  if (bytes.size() < kHeaderBytes) refuse("truncated checkpoint (" + std::to_string(bytes.size()) + " bytes)");
  const std::uint64_t version = u64_at(bytes, kMagic.size());
  if (version != kCheckpointVersion)
    refuse("checkpoint format version " + std::to_string(version) + "; this snnsense reads version " +
           std::to_string(kCheckpointVersion));
  const std::uint64_t length = u64_at(bytes, kMagic.size() + sizeof(std::uint64_t));
  const std::uint64_t available = bytes.size() - kHeaderBytes;
  if (available < kHashBytes || length > available - kHashBytes)
    refuse("truncated checkpoint (" + std::to_string(bytes.size()) + " bytes; its header announces " +
           std::to_string(length) + " bytes of state)");
  if (length != available - kHashBytes)
    refuse("malformed checkpoint (" + std::to_string(available - kHashBytes - length) + " bytes after its end)");
  const std::string_view payload = bytes.substr(kHeaderBytes, length);
  if (hash_of(payload) != u64_at(bytes, kHeaderBytes + length))
    refuse("corrupted checkpoint (its contents do not match their checksum)");

  return decode_checkpoint_payload(payload, source);
}

Checkpoint decode_checkpoint_payload(std::string_view payload, const std::string& source) {
  StateReader in(payload, source);
  Checkpoint c;
  c.source = source;
  c.job = json_from(in.get_string(), in, "job");
  c.caller = json_from(in.get_string(), in, "caller's options");
  if (!c.job.is_object() || !c.caller.is_object()) in.fail("its job is not a JSON object");
  c.problem_fingerprint = in.get_u64();
  c.initial = in.get_vector();
  if (in.get_bool()) c.search = StepSizeSearchResult::restore(in);
  c.run = in.get_string();
  in.expect_end();
  return c;
}

void write_checkpoint(const std::filesystem::path& file, const Checkpoint& checkpoint,
                      const StepSizeSearchResult* search) {
  const std::string bytes = encode_checkpoint(checkpoint, search);
  write_file_atomically(file, [&bytes](std::ostream& out) { out.write(bytes.data(), static_cast<std::streamsize>(bytes.size())); },
                        true);
}

Checkpoint read_checkpoint(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw_file_error(file, "no such checkpoint (the run wrote none, or it finished)");
  const std::string bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  if (in.bad()) throw_file_error(file, "cannot read");
  return decode_checkpoint(bytes, file.string());
}

std::filesystem::path checkpoint_path(const std::filesystem::path& run_directory) {
  std::filesystem::path run = run_directory.lexically_normal();
  if (!run.has_filename()) run = run.parent_path();
  return run.parent_path() / (run.filename().string() + ".checkpoint");
}

}  // namespace snnsense
