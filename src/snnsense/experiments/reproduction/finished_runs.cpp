#include "snnsense/experiments/reproduction/finished_runs.hpp"

#include "snnsense/core/error.hpp"
#include "snnsense/io/file_error.hpp"
#include "snnsense/io/json_file.hpp"
#include "snnsense/training/checkpoint.hpp"

namespace snnsense {

namespace fs = std::filesystem;

namespace {

constexpr const char* kIdentityFile = "comparison.json";

// ".<name>.tmp": where a run is copied before its rename.
std::string hidden_name(const std::string& name) {
  std::string hidden = ".";
  hidden.append(name).append(".tmp");
  return hidden;
}

}  // namespace

fs::path FinishedRuns::folder_for(const fs::path& out) {
  fs::path folder = out.lexically_normal();
  if (folder.filename().empty()) folder = folder.parent_path();  // "out/" -> "out"
  folder += ".partial";
  return folder;
}

FinishedRuns::FinishedRuns(fs::path folder, const Problem& problem, const nlohmann::json& options, bool discard_other)
    : FinishedRuns(std::move(folder), {{"problem", problem_fingerprint(problem)}, {"options", options}},
                   discard_other) {}

FinishedRuns::FinishedRuns(fs::path folder, nlohmann::json identity, bool discard_other) : folder_(std::move(folder)) {
  std::error_code ec;
  if (fs::exists(folder_ / kIdentityFile, ec)) {
    nlohmann::json kept;
    try {
      kept = read_json(folder_ / kIdentityFile);
    } catch (const FileError&) {
      kept = nullptr;  // unreadable: from no comparison we know
    }
    if (kept == identity) return;
    if (!discard_other)
      throw InputError(folder_.string() + ": finished runs of a comparison with another problem or other options; "
                       "remove it, or use --force to discard them");
    fs::remove_all(folder_, ec);
    if (ec) throw_file_error(folder_, "cannot remove (" + ec.message() + ")");
  } else if (fs::exists(folder_, ec)) {
    // Not a folder this class wrote (it may be the user's data, even the problem): never removed.
    throw InputError(folder_.string() + ": exists and is not a folder of kept runs (no " + kIdentityFile +
                     "); move it, or choose another --out");
  }
  identity_ = std::move(identity);  // the folder is made by the first keep(): a refused run leaves none
}

bool FinishedRuns::restore(const std::string& name, const fs::path& destination) const {
  const fs::path run = folder_ / name;
  std::error_code ec;
  if (!fs::exists(run / "summary.json", ec)) return false;
  fs::create_directories(destination.parent_path(), ec);
  if (!ec) fs::copy(run, destination, fs::copy_options::recursive, ec);
  if (ec) throw_file_error(destination, "cannot copy the kept run " + run.string() + " (" + ec.message() + ")");
  return true;
}

void FinishedRuns::keep(const std::string& name, const fs::path& run) {
  std::error_code ec;
  if (!identity_.is_null()) {
    fs::create_directories(folder_, ec);
    if (ec) throw_file_error(folder_, "cannot create (" + ec.message() + ")");
    write_json(folder_ / kIdentityFile, identity_);
    identity_ = nullptr;
  }
  // Copied under a temporary name and renamed, so a kill leaves the run whole or absent.
  const fs::path target = folder_ / name;
  const fs::path temporary = target.parent_path() / hidden_name(target.filename().string());
  fs::create_directories(target.parent_path(), ec);
  if (ec) throw_file_error(target.parent_path(), "cannot create (" + ec.message() + ")");
  fs::remove_all(temporary, ec);
  fs::copy(run, temporary, fs::copy_options::recursive, ec);
  if (ec) throw_file_error(temporary, "cannot copy the finished run (" + ec.message() + ")");
  fs::remove_all(target, ec);
  fs::rename(temporary, target, ec);
  if (ec) throw_file_error(target, "cannot move the finished run into place (" + ec.message() + ")");
  ++kept_;
  if (on_kept) on_kept(kept_);
}

void FinishedRuns::remove() {
  std::error_code ec;
  fs::remove_all(folder_, ec);
}

}  // namespace snnsense
