// `snnsense sweep`: every configuration of a grid over training options and problems, each a run
// directory like `train`'s, and one table of them all; a rerun keeps the finished ones.
#include <iostream>
#include <optional>

#include "commands.hpp"
#include "config_file.hpp"
#include "integer_range.hpp"
#include "snnsense/experiments/sweep/sweep.hpp"
#include "snnsense/io/file_error.hpp"
#include "snnsense/io/output_overlap.hpp"
#include "snnsense/linalg/blas.hpp"
#include "snnsense/training/stop_rules.hpp"
#include "test_kill.hpp"
#include "training_flags.hpp"

namespace snnsense::cli {

namespace {

struct SweepCommand {
  std::string grid, out;
  SweepOptions options;
};

// The job `train --config` would make of the configuration's options: the same flags, the same
// reading of a config file, so a grid can say anything a training config can.
TrainingJob job_for(const SweepConfiguration& configuration, const std::filesystem::path& grid_file) {
  CLI::App train{"", "train"};
  TrainingFlags flags;
  add_training_flags(train, flags, true);
  apply_config(train, configuration.options, grid_file);
  try {
    return training_job(flags, flags.model);
  } catch (const InputError& e) {
    throw_file_error(grid_file, configuration.name + ": " + e.what());
  }
}

int run(SweepCommand c, const World& world) {
  InterruptSignals signals;  // Ctrl-C stops the runs in progress; the finished ones stay
  c.options.interrupt = &signals.flag();
  c.options.comm = world.comm().get();  // under mpirun the configurations are dealt to the processes
  std::optional<SweepGrid> grid;
  std::vector<SweepRun> runs;
  // Every process reads the same grid: a refusal is everyone's, printed once.
  run_agreed(*world.comm(), [&] {
    grid = SweepGrid::read(c.grid);
    std::vector<NamedPath> inputs{{"--grid", c.grid}};
    for (const auto& problem : grid->problems) inputs.push_back({"problem", problem});
    refuse_output_over_inputs({"--out", c.out}, inputs);
    for (SweepConfiguration& configuration : grid->configurations()) {
      TrainingJob job = job_for(configuration, c.grid);
      runs.push_back({std::move(configuration), std::move(job)});
    }
  });
  // Whole runs go to the threads; BLAS threads would only contend with them, and are kept at one
  // for any --jobs so that --jobs cannot change a result.
  blas::set_threads(1);
  const auto kill = kill_after_runs_from_environment();
  const SweepResult result = run_sweep(*grid, runs, c.out, c.options, [&](const std::string& name, int finished, int to_run) {
    std::cerr << "finished " << name << " (" << finished << "/" << to_run << ")" << std::endl;
    if (kill) kill(finished);
  });
  if (result.interrupted) {
    if (world.is_root())
      std::cerr << "snnsense: interrupted; " << result.ran + result.kept << " of " << runs.size()
                << " configurations are finished in " << c.out << "; run the same sweep again to finish it\n";
    return signals.exit_code();
  }
  std::cout << result.table.markdown() << "ran " << result.ran << ", kept " << result.kept << "; wrote " << c.out
            << " (runs/, table.csv, table.md)" << std::endl;
  return 0;
}

}  // namespace

void register_sweep(CLI::App& app, Context& context) {
  auto c = std::make_shared<SweepCommand>();
  CLI::App* cmd = app.add_subcommand("sweep", "Train every configuration of a grid of options and problems");
  cmd->add_option("--grid", c->grid, "JSON grid: problem, base options, grid of option lists")->required();
  cmd->add_option("--out", c->out, "Directory to write (runs/, table.csv, table.md); a rerun resumes it")
      ->required();
  cmd->add_option("--jobs", c->options.jobs, "Configurations to run at once")
      ->check(integer_range<int>(1))
      ->capture_default_str();
  cmd->add_flag("--force", c->options.force, "Replace a directory holding another grid's sweep");
  cmd->callback([c, &context] { context.exit_code = run(*c, *context.world); });
}

}  // namespace snnsense::cli
