#pragma once
// The runs of a comparison or a reproduction that have finished, kept where a killed command can
// find them: a rerun of the same set of runs (same problems, same methods, same options) takes
// them as they are and runs only the rest (sweep/run_set.hpp). Runs are deterministic, so a kept
// run is the run the rerun would make.
//
//   OUT.partial/comparison.json   what the runs belong to: the problems' fingerprints and the options
//   OUT.partial/<name>/           a finished run directory, moved into place whole (rename); a
//                                 name may have folders ("seed-0/scale-1")
//
// The folder is removed once the comparison's own output is complete.
#include <filesystem>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>

#include "snnsense/problems/problem.hpp"

namespace snnsense {

class FinishedRuns {
 public:
  // Opens `folder` for the comparison of `problem` under `options` (everything that decides its
  // runs); the first keep() creates it. A folder left by a comparison of another problem or with
  // other options is InputError naming it, unless `discard_other` (--force), which removes it.
  FinishedRuns(std::filesystem::path folder, const Problem& problem, const nlohmann::json& options,
               bool discard_other);
  // The same for runs on several problems: `identity` is everything that decides the runs (the
  // problems' fingerprints among it).
  FinishedRuns(std::filesystem::path folder, nlohmann::json identity, bool discard_other);

  // Where "OUT.partial" lives for an output directory OUT.
  static std::filesystem::path folder_for(const std::filesystem::path& out);

  // Copies the kept run `name` to `destination`; false when none was kept.
  bool restore(const std::string& name, const std::filesystem::path& destination) const;

  // Copies the finished run directory `run` in as `name` (complete or absent).
  void keep(const std::string& name, const std::filesystem::path& run);

  // Removes the folder: the comparison's output is complete.
  void remove();

  const std::filesystem::path& folder() const { return folder_; }

  // Called after each keep() with the number kept so far by this process (tests stop a comparison there).
  std::function<void(int kept)> on_kept;

 private:
  std::filesystem::path folder_;
  nlohmann::json identity_;  // still to be written by the first keep(); null once the folder holds it
  int kept_ = 0;
};

}  // namespace snnsense
