#pragma once
// Runs every configuration of a sweep grid, each as a run directory like `train`'s, and
// tabulates them. The output directory:
//
//   OUT/sweep.json            the grid (SweepGrid::to_json), which the runs belong to
//   OUT/runs/<name>/          one run directory per configuration, moved into place whole
//   OUT/table.csv, table.md   one row per configuration: its grid values and the run's summary
//
// A run directory exists only complete (staged, then renamed), so a sweep killed at any point
// and run again keeps the configurations that finished and runs only the others. Runs are
// deterministic and independent, so neither resuming nor the number of parallel jobs or
// processes changes any result.
//
// Over several processes (SweepOptions::comm, `mpirun -np K snnsense sweep`), the unfinished
// configurations are dealt to the processes in turn (configuration t to rank t mod K), each
// process runs its share with its own threads and writes its run directories (OUT must be a
// folder every process sees), and rank 0 writes sweep.json and the table.
#include <atomic>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "snnsense/core/communicator.hpp"
#include "snnsense/experiments/reproduction/comparison.hpp"
#include "snnsense/experiments/sweep/sweep_grid.hpp"
#include "snnsense/training/training_job.hpp"

namespace snnsense {

struct SweepRun {
  SweepConfiguration configuration;
  TrainingJob job;
};

struct SweepOptions {
  int jobs = 1;        // configurations run at once (threads)
  bool force = false;  // an OUT holding another grid's sweep is emptied instead of refused
  // Raised (Ctrl-C): the runs in progress stop at their next iteration and are not kept, and no
  // further run starts; the sweep run again finishes the rest.
  const std::atomic<bool>* interrupt = nullptr;
  // The processes sharing the sweep; null: this one alone. A failure on any of them ends the
  // sweep on all of them (AgreedError) once their runs in progress are done.
  const Communicator* comm = nullptr;

  void validate() const;  // InputError naming --jobs
};

struct SweepResult {
  ComparisonTable table;  // rows in configuration order
  int ran = 0;            // configurations run by this call (by all processes)
  int kept = 0;           // configurations found finished
  bool interrupted = false;  // some configurations are not finished; no table was written
  bool wrote_table = false;  // false on every process but rank 0
};

// `on_finished(name, finished, to_run)` is called (from one thread at a time) after each
// configuration this call runs is in place: `finished` of the `to_run` configurations that were
// not finished before. Exceptions of a run end the sweep once the runs in progress are done, and
// are rethrown. InputError, before anything is written, naming the grid file and the
// configuration when a job's settings make no model for its problem, or when OUT holds the sweep
// of another grid and !options.force.
SweepResult run_sweep(const SweepGrid& grid, const std::vector<SweepRun>& runs, const std::filesystem::path& out,
                      const SweepOptions& options,
                      const std::function<void(const std::string& name, int finished, int to_run)>& on_finished = {});

}  // namespace snnsense
