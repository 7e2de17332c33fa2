#pragma once
// An output directory that appears complete or not at all: everything is written into a hidden
// sibling, and commit() renames it into place. Abandoned (an exception, a failed run), it is removed.
#include <filesystem>

namespace snnsense {

class StagingDirectory {
 public:
  // Throws InputError if `final_dir` exists and !force, FileError if its parent folder is missing
  // or not writable.
  StagingDirectory(std::filesystem::path final_dir, bool force);
  ~StagingDirectory();

  StagingDirectory(const StagingDirectory&) = delete;
  StagingDirectory& operator=(const StagingDirectory&) = delete;

  // The directory to write into until commit().
  const std::filesystem::path& path() const { return staging_; }

  // Moves the staged directory to `final_dir`, replacing what is there when `force` was given.
  void commit();

 private:
  std::filesystem::path final_;
  std::filesystem::path staging_;
  bool force_;
  bool committed_ = false;
};

}  // namespace snnsense
