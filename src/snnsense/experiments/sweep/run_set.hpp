#pragma once
// The engine under a sweep and the reproductions: a set of independent methods on their problems
// (MethodRun: a trained model or the convex reference), run on threads, each into its run
// directory under one folder, which appears complete or not at all (staged, then renamed). The
// finished runs survive a kill and are not run again by a rerun of the same set:
//
//   - in place (a sweep, whose folder is its output): a complete run directory is kept as it is;
//   - in a FinishedRuns folder (a reproduction, whose output is staged and appears only at the
//     end): each run is kept there as it finishes, and restored from there by the rerun.
//
// Runs are deterministic and independent, so neither resuming nor the number of threads or
// processes changes any result. Over several processes (RunSetOptions::comm) the unfinished runs
// are dealt in turn (the t-th unfinished run to rank t mod K), each process runs its share on its
// own threads into the one folder (which every process must see), and a failure on any process
// ends the set on all of them (AgreedError) once their runs in progress are done.
#include <atomic>
#include <filesystem>
#include <functional>
#include <vector>

#include "snnsense/core/communicator.hpp"
#include "snnsense/experiments/reproduction/finished_runs.hpp"
#include "snnsense/experiments/reproduction/method_run.hpp"

namespace snnsense {

struct RunSetOptions {
  int jobs = 1;  // runs at once (threads)
  // Raised (Ctrl-C): the runs in progress stop at their next iteration and are not kept, and no
  // further run starts; the set run again finishes the rest.
  const std::atomic<bool>* interrupt = nullptr;
  // Attached to every trained run; they hear on_stage("<name> (i/N)") first. With jobs > 1 the
  // threads share them.
  std::vector<Callback*> callbacks;
  FinishedRuns* finished = nullptr;  // null: finished runs are kept in place
  // The processes sharing the set; null: this one alone. Several processes keep finished runs in
  // place only (`finished` null).
  const Communicator* comm = nullptr;
  // An interrupted run ends the set (no further run starts). Its directory is written too when
  // this is set, marked "interrupted" as `train` marks it, but it is neither counted nor kept (in
  // place it would look finished to a rerun: set it for a folder no rerun reads, or with `finished`).
  bool write_interrupted = false;
  // Called from one thread at a time: before a run starts, and once it is in place (`ran` of the
  // `to_run` runs not finished before), or found finished before any run starts (`outcome` null,
  // `ran` and `to_run` 0).
  std::function<void(const MethodRun& run)> on_start;
  std::function<void(const MethodRun& run, const MethodOutcome* outcome, int ran, int to_run)> on_finished;

  void validate() const;  // InputError naming --jobs; logic_error for FinishedRuns over several processes
};

struct RunSetResult {
  int ran = 0;               // runs made by this call (by all processes)
  int kept = 0;              // runs found finished
  bool interrupted = false;  // some runs are not finished
};

// Runs into folder/<run.name>/ the runs not finished yet. The first exception of a run ends the
// set once the runs in progress are done, and is rethrown.
RunSetResult run_set(const std::vector<MethodRun>& runs, const std::filesystem::path& folder,
                     const RunSetOptions& options);

}  // namespace snnsense
