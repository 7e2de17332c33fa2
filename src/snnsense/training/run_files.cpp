#include "snnsense/training/run_files.hpp"

#include "snnsense/io/file_error.hpp"
#include "snnsense/io/image.hpp"
#include "snnsense/io/json_file.hpp"
#include "snnsense/io/npy.hpp"

namespace snnsense {

void RunFiles::save(const std::filesystem::path& dir, const Problem& problem) const {
  write_json(dir / "config.json", config);
  write_json(dir / "summary.json", summary);
  if (X.size() > 0) {
    npy::write_matrix(dir / "X.npy", X);
    if (problem.is_image()) write_png(dir / "X.png", problem.pixel_scale * X);
  }
  if (params) npy::write_vector(dir / "params.npy", *params);
  if (dual) npy::write_vector(dir / "dual.npy", *dual);
  if (trace) {
    trace->write_csv(dir / "trace.csv");
    trace->write_singular_values_csv(dir / "singular_values.csv");
  }
}

RunFiles load_run(const std::filesystem::path& dir) {
  if (!std::filesystem::is_directory(dir)) throw_file_error(dir, "no such run directory");
  // A problem directory is the likeliest mix-up: name it rather than report its missing config.json.
  if (!std::filesystem::exists(dir / "config.json")) {
    if (std::filesystem::exists(dir / "problem.json"))
      throw_file_error(dir, "is a problem directory (it holds problem.json), not a run directory; give the run "
                            "directory that train, solve or compare wrote");
    throw_file_error(dir, "not a run directory (no config.json; train, solve and compare write run directories)");
  }
  RunFiles run;
  run.config = read_json(dir / "config.json");
  run.summary = read_json(dir / "summary.json");
  if (!std::filesystem::exists(dir / "X.npy")) throw_file_error(dir / "X.npy", "no such file (the run has no reconstruction)");
  run.X = npy::read_matrix(dir / "X.npy");
  if (!run.X.allFinite()) throw_file_error(dir / "X.npy", "contains non-finite values");
  if (std::filesystem::exists(dir / "params.npy")) run.params = npy::read_vector(dir / "params.npy");
  return run;
}

}  // namespace snnsense
