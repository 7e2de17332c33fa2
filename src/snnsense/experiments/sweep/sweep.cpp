#include "snnsense/experiments/sweep/sweep.hpp"

#include <map>
#include <optional>

#include "snnsense/core/error.hpp"
#include "snnsense/io/json_file.hpp"
#include "snnsense/experiments/sweep/run_set.hpp"
#include "snnsense/problems/problem_io.hpp"
#include "snnsense/training/stop_rules.hpp"

namespace snnsense {

namespace fs = std::filesystem;

void SweepOptions::validate() const {
  RunSetOptions set;
  set.jobs = jobs;
  set.validate();
}

namespace {

// Claims OUT for this grid: a new directory, or one holding the same grid's sweep.
void claim_output(const SweepGrid& grid, const fs::path& out, bool force) {
  const fs::path record = out / "sweep.json";
  if (fs::exists(out) && !fs::is_empty(out)) {
    const bool same = fs::exists(record) && read_json(record) == grid.to_json();
    if (!same && !force)
      throw InputError(out.string() + " holds " + (fs::exists(record) ? "a sweep of another grid" : "something else") +
                       "; choose another --out, or replace it with --force");
    if (!same) fs::remove_all(out);
  }
  fs::create_directories(out / "runs");
  write_json(record, grid.to_json());
}

}  // namespace

SweepResult run_sweep(const SweepGrid& grid, const std::vector<SweepRun>& runs, const fs::path& out,
                      const SweepOptions& options,
                      const std::function<void(const std::string& name, int finished, int to_run)>& on_finished) {
  options.validate();
  const SerialCommunicator alone;
  const Communicator& comm = options.comm ? *options.comm : alone;
  std::map<fs::path, Problem> problems;
  // Every process checks the same grid; rank 0 claims OUT. The agreement is also the barrier
  // after which every process sees the claimed folder.
  run_agreed(comm, [&] {
    for (const SweepRun& run : runs) {
      if (!problems.count(run.configuration.problem))
        problems.emplace(run.configuration.problem, load_problem(run.configuration.problem));
      // Every model is built once here, so that a setting no model takes fails before any run.
      try {
        prepare_training(problems.at(run.configuration.problem), run.job);
      } catch (const InputError& e) {
        throw InputError(grid.file.string() + ": " + run.configuration.name + ": " + e.what());
      }
    }
    if (comm.rank() == 0) claim_output(grid, out, options.force);
  });

  std::vector<MethodRun> methods;
  for (const SweepRun& run : runs) {
    MethodRun& method = methods.emplace_back();
    method.name = run.configuration.name;
    method.problem = &problems.at(run.configuration.problem);
    method.problem_path = run.configuration.problem.string();
    method.job = run.job;
  }
  std::optional<InterruptStop> stop;
  RunSetOptions set;
  set.jobs = options.jobs;
  set.interrupt = options.interrupt;
  set.comm = &comm;
  if (options.interrupt) set.callbacks.push_back(&stop.emplace(*options.interrupt));
  set.on_finished = [&on_finished](const MethodRun& run, const MethodOutcome* outcome, int ran, int to_run) {
    if (outcome && on_finished) on_finished(run.name, ran, to_run);
  };
  const RunSetResult done = run_set(methods, out / "runs", set);
  SweepResult result;
  result.ran = done.ran;
  result.kept = done.kept;
  if (done.interrupted) {
    result.interrupted = true;
    return result;
  }
  if (comm.rank() != 0) return result;

  std::vector<fs::path> dirs;
  bool image = false;
  for (const SweepRun& run : runs) {
    dirs.push_back(out / "runs" / run.configuration.name);
    image = image || problems.at(run.configuration.problem).is_image();
  }
  result.table = read_comparison(dirs, image);
  result.table.keys = grid.keys();
  result.table.keys.insert(result.table.keys.begin(), "problem");
  result.table.steps_and_lr = true;
  result.table.name_column = "configuration";
  for (std::size_t i = 0; i < runs.size(); ++i) {
    ComparisonRow& row = result.table.rows[i];
    row.name = runs[i].configuration.name;
    row.key_values = runs[i].configuration.values;
    row.key_values.insert(row.key_values.begin(), runs[i].configuration.problem.filename().string());
  }
  result.table.write_csv(out / "table.csv");
  result.table.write_markdown(out / "table.md");
  result.wrote_table = true;
  return result;
}

}  // namespace snnsense
