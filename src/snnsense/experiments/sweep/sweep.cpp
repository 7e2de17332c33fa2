#include "snnsense/experiments/sweep/sweep.hpp"

#include <atomic>
#include <exception>
#include <map>
#include <mutex>
#include <optional>
#include <span>
#include <thread>

#include "snnsense/core/error.hpp"
#include "snnsense/io/json_file.hpp"
#include "snnsense/io/staging_directory.hpp"
#include "snnsense/problems/problem_io.hpp"
#include "snnsense/training/stop_rules.hpp"

namespace snnsense {

namespace fs = std::filesystem;

void SweepOptions::validate() const {
  if (jobs < 1) throw InputError("--jobs must be at least 1, got " + std::to_string(jobs));
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

bool finished(const fs::path& run_dir) { return fs::exists(run_dir / "summary.json"); }

// Runs one configuration into run_dir; false (nothing kept) when it was interrupted.
bool run_one(const SweepRun& run, const Problem& problem, const fs::path& run_dir, const std::atomic<bool>* interrupt) {
  TrainingJob job = run.job;
  job.extra_config["problem"] = run.configuration.problem.string();
  std::optional<InterruptStop> stop;
  if (interrupt) stop.emplace(*interrupt);
  std::vector<Callback*> callbacks;
  if (stop) callbacks.push_back(&*stop);
  TrainingOutcome outcome = run_training_job(problem, job, callbacks);
  if (outcome.result.reason == StopReason::interrupted) return false;
  fs::create_directories(run_dir.parent_path());
  StagingDirectory staging(run_dir, true);  // a leftover without summary.json is replaced
  outcome.files.save(staging.path(), problem);
  staging.commit();
  return true;
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

  SweepResult result;
  std::vector<std::size_t> todo;  // this process's share of the unfinished configurations
  std::size_t unfinished = 0;
  for (std::size_t i = 0; i < runs.size(); ++i) {
    if (finished(out / "runs" / runs[i].configuration.name))
      ++result.kept;
    else if (unfinished++ % static_cast<std::size_t>(comm.size()) == static_cast<std::size_t>(comm.rank()))
      todo.push_back(i);
  }
  // No process starts a run before all have listed the finished ones: a run finished meanwhile
  // would be dealt differently by a process listing it later.
  double barrier = 0.0;
  comm.sum(std::span<double>(&barrier, 1));
  std::atomic<std::size_t> next{0};
  std::atomic<bool> failed{false};
  std::mutex mutex;  // guards error, result.ran and on_finished
  std::exception_ptr error;
  auto raised = [&] { return options.interrupt && options.interrupt->load(); };
  auto worker = [&] {
    for (std::size_t t; !failed && !raised() && (t = next++) < todo.size();) {
      const SweepRun& run = runs[todo[t]];
      try {
        const fs::path run_dir = out / "runs" / run.configuration.name;
        if (!run_one(run, problems.at(run.configuration.problem), run_dir, options.interrupt)) continue;
        std::lock_guard lock(mutex);
        ++result.ran;
        if (on_finished) on_finished(run.configuration.name, result.ran, static_cast<int>(todo.size()));
      } catch (...) {
        std::lock_guard lock(mutex);
        if (!error) error = std::current_exception();
        failed = true;
      }
    }
  };
  run_agreed(comm, [&] {
    std::vector<std::thread> threads;
    const std::size_t count = std::min<std::size_t>(static_cast<std::size_t>(options.jobs), todo.size());
    for (std::size_t i = 1; i < count; ++i) threads.emplace_back(worker);
    worker();
    for (std::thread& t : threads) t.join();
    if (error) std::rethrow_exception(error);
  });
  double ran = result.ran;
  comm.sum(std::span<double>(&ran, 1));
  result.ran = static_cast<int>(ran);
  if (result.ran + result.kept < static_cast<int>(runs.size())) {
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
