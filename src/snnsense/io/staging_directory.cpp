#include "snnsense/io/staging_directory.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <string>

#include "snnsense/core/error.hpp"
#include "snnsense/io/file_error.hpp"
#include "snnsense/io/hidden_sibling.hpp"

namespace snnsense {
namespace {

namespace fs = std::filesystem;

bool exists_at_all(const fs::path& path) {
  std::error_code ec;
  return fs::exists(fs::symlink_status(path, ec));  // a dangling symlink still occupies the name
}

// create_directory reports an existing name instead of reusing it, which makes the claim exclusive.
fs::path claim_directory(const fs::path& target, const char* tag) {
  for (int attempt = 0; attempt < 100; ++attempt) {
    fs::path candidate = hidden_sibling(target, tag);
    std::error_code ec;
    if (fs::create_directory(candidate, ec)) return candidate;
    if (ec) throw_file_error(target.parent_path(), "cannot create a directory (" + ec.message() + ")");
  }
  throw_file_error(target.parent_path(), "cannot create a directory (no free temporary name)");
}

}  // namespace

StagingDirectory::StagingDirectory(fs::path final_dir, bool force) : force_(force) {
  // "out/" names the directory "out"; a trailing separator must not leave an empty file name.
  final_ = final_dir.lexically_normal();
  if (!final_.has_filename()) final_ = final_.parent_path();
  if (final_.empty() || final_.filename() == "." || final_.filename() == "..") {
    throw InputError(final_dir.string() + ": not a usable output directory name");
  }
  if (exists_at_all(final_) && !force) {
    throw InputError(final_.string() + ": already exists (use --force to replace it)");
  }
  const fs::path parent = final_.has_parent_path() ? final_.parent_path() : fs::path(".");
  std::error_code ec;
  if (!fs::exists(parent, ec)) throw_file_error(parent, "no such directory");
  if (!fs::is_directory(parent, ec)) throw_file_error(parent, "not a directory");
  if (::access(parent.c_str(), W_OK | X_OK) != 0)
    throw_file_error(parent, std::string("not writable (") + std::strerror(errno) + ")");
  remove_abandoned_siblings(final_, "tmp");  // a killed earlier writer's staging directory
  staging_ = claim_directory(final_, "tmp");
}

StagingDirectory::~StagingDirectory() {
  if (committed_) return;
  std::error_code ignored;
  fs::remove_all(staging_, ignored);
}

void StagingDirectory::commit() {
  if (committed_) throw std::logic_error("StagingDirectory::commit called twice");
  std::error_code ec;
  if (force_ && exists_at_all(final_)) {
    // Old output goes aside first and is deleted only once the new one is in place, so a failure
    // in between leaves the previous results rather than nothing.
    const fs::path aside = claim_directory(final_, "old");
    fs::remove(aside, ec);
    fs::rename(final_, aside, ec);
    if (ec) throw_file_error(final_, "cannot move the old directory aside (" + ec.message() + ")");
    fs::rename(staging_, final_, ec);
    if (ec) {
      std::error_code restore;
      fs::rename(aside, final_, restore);
      throw_file_error(final_, "cannot move the new directory into place (" + ec.message() + ")");
    }
    committed_ = true;
    // The new results are in place; failing the whole run over leftover old ones would be worse.
    fs::remove_all(aside, ec);
    return;
  }
  // rename() silently replaces an empty directory, so one that appeared since the constructor's
  // check is caught here rather than overwritten.
  if (exists_at_all(final_))
    throw InputError(final_.string() + ": already exists (use --force to replace it)");
  fs::rename(staging_, final_, ec);
  if (ec) throw_file_error(final_, "cannot move the new directory into place (" + ec.message() + ")");
  committed_ = true;
}

}  // namespace snnsense
