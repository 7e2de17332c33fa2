#include "snnsense/experiments/sweep/run_set.hpp"

#include <exception>
#include <mutex>
#include <span>
#include <stdexcept>
#include <thread>

#include "snnsense/core/error.hpp"
#include "snnsense/io/staging_directory.hpp"

namespace snnsense {

namespace fs = std::filesystem;

void RunSetOptions::validate() const {
  if (jobs < 1) throw InputError("--jobs must be at least 1, got " + std::to_string(jobs));
  if (comm && comm->size() > 1 && finished)
    throw std::logic_error("run_set: runs kept in a FinishedRuns folder are for one process");
}

namespace {

// Whether the run is finished: in place, or restored from the kept runs.
bool take_finished(const MethodRun& run, const fs::path& run_dir, FinishedRuns* finished) {
  if (finished) return finished->restore(run.name, run_dir);
  return fs::exists(run_dir / "summary.json");
}

}  // namespace

RunSetResult run_set(const std::vector<MethodRun>& runs, const fs::path& folder, const RunSetOptions& options) {
  options.validate();
  const SerialCommunicator alone;
  const Communicator& comm = options.comm ? *options.comm : alone;
  RunSetResult result;
  std::vector<std::size_t> todo;  // this process's share of the unfinished runs
  std::size_t unfinished = 0;
  for (std::size_t i = 0; i < runs.size(); ++i) {
    if (!take_finished(runs[i], folder / runs[i].name, options.finished)) {
      if (unfinished++ % static_cast<std::size_t>(comm.size()) == static_cast<std::size_t>(comm.rank()))
        todo.push_back(i);
      continue;
    }
    ++result.kept;
    if (options.on_finished) options.on_finished(runs[i], nullptr, 0, 0);
  }
  // No process starts a run before all have listed the finished ones: a run finished meanwhile
  // would be dealt differently by a process listing it later.
  double barrier = 0.0;
  comm.sum(std::span<double>(&barrier, 1));
  const int to_run = static_cast<int>(todo.size());
  std::atomic<std::size_t> next{0};
  std::atomic<bool> failed{false}, stopped{false};
  std::mutex mutex;  // guards error, result.ran, the hooks and the kept runs
  std::exception_ptr error;
  auto raised = [&] { return options.interrupt && options.interrupt->load(); };
  auto worker = [&] {
    for (std::size_t t; !failed && !stopped && !raised() && (t = next++) < todo.size();) {
      const MethodRun& run = runs[todo[t]];
      try {
        {
          std::lock_guard lock(mutex);
          if (options.on_start) options.on_start(run);
          const std::string stage = run.name + " (" + std::to_string(todo[t] + 1) + "/" + std::to_string(runs.size()) + ")";
          for (Callback* c : options.callbacks) c->on_stage(stage);
        }
        const MethodOutcome outcome = run_method(run, options.callbacks, options.interrupt);
        if (outcome.interrupted()) stopped = true;
        if (outcome.interrupted() && !options.write_interrupted) continue;
        const fs::path run_dir = folder / run.name;
        fs::create_directories(run_dir.parent_path());
        StagingDirectory staging(run_dir, true);  // a leftover without summary.json is replaced
        outcome.files.save(staging.path(), *run.problem);
        staging.commit();
        if (outcome.interrupted()) continue;
        std::lock_guard lock(mutex);
        if (options.finished) options.finished->keep(run.name, run_dir);
        ++result.ran;
        if (options.on_finished) options.on_finished(run, &outcome, result.ran, to_run);
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
  result.interrupted = result.ran + result.kept < static_cast<int>(runs.size());
  return result;
}

}  // namespace snnsense
