// snnsense train: fit a model to a problem's training measurements and write a run directory.
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <memory>
#include <optional>
#include <span>

#include "commands.hpp"
#include "config_file.hpp"
#include "integer_range.hpp"
#include "snnsense/io/json_file.hpp"
#include "snnsense/io/npy.hpp"
#include "snnsense/io/output_overlap.hpp"
#include "snnsense/io/staging_directory.hpp"
#include "snnsense/linalg/blas.hpp"
#include "snnsense/problems/problem_memory.hpp"
#include "snnsense/problems/problem_part.hpp"
#include "snnsense/training/agreed_interrupt.hpp"
#include "snnsense/training/progress_line.hpp"
#include "snnsense/training/stop_rules.hpp"
#include "training_flags.hpp"

namespace snnsense::cli {

namespace {

struct TrainCommand {
  std::string problem, out, config, params_in, params_init_out, resume;
  bool force = false;
  Index checkpoint_every = CheckpointOptions{}.every;
  TrainingFlags flags;
};

// Options a resumed run may be given: they change how it is saved, not what it computes.
const std::vector<std::string> kResumeOptions{"resume", "checkpoint-every"};
// Options a checkpoint does not record: the run directory is --resume's argument, the others
// acted before the first checkpoint (--config is applied, the start written, --force used).
const std::vector<std::string> kNotRecorded{"out", "config", "force", "resume", "params-init-out"};

// Reads RUN's checkpoint and gives the command the options the run was started with.
Checkpoint prepare_resume(CLI::App& command, TrainCommand& c) {
  for (const CLI::Option* option : command.get_options()) {
    const std::string name = option->get_single_name();
    if (option->count() > 0 && std::find(kResumeOptions.begin(), kResumeOptions.end(), name) == kResumeOptions.end())
      throw InputError("--resume: the run goes on with the options it was started with; --" + name +
                       " cannot be given with it (only --checkpoint-every)");
  }
  Checkpoint checkpoint = read_checkpoint(checkpoint_path(c.resume));
  apply_config(command, checkpoint.caller, checkpoint_path(c.resume));
  c.out = c.resume;
  // An interrupted run wrote its directory (status "interrupted"): the resumed one replaces it.
  if (std::filesystem::exists(c.out)) {
    const std::filesystem::path summary = std::filesystem::path(c.out) / "summary.json";
    if (!std::filesystem::exists(summary) || read_json(summary).value("status", "") != "interrupted")
      throw InputError(c.out + ": already exists and is not an interrupted run; remove " +
                       checkpoint_path(c.out).string() + " or the directory");
    c.force = true;
  }
  return checkpoint;
}

// SNNSENSE_TEST_KILL_AFTER_CHECKPOINT=k: the process kills itself (SIGKILL, no clean-up at all)
// once its k-th checkpoint is in place, which is how the tests stop a run at a known point.
std::function<void(Index)> kill_after_checkpoint_from_environment() {
  const char* text = std::getenv("SNNSENSE_TEST_KILL_AFTER_CHECKPOINT");
  if (text == nullptr) return nullptr;
  const long k = std::strtol(text, nullptr, 10);
  auto written = std::make_shared<long>(0);
  return [k, written](Index) {
    if (++*written == k) ::kill(::getpid(), SIGKILL);
  };
}

void print_outcome(const TrainingOutcome& outcome, const std::string& out) {
  if (outcome.search) {
    const StepSizeSearchReport& search = *outcome.search;
    // Numbers as summary.json spells them, so the lines and the file read the same.
    const nlohmann::json listed = search.to_json()["candidates"];
    for (std::size_t k = 0; k < search.candidates.size(); ++k) {
      const StepSizeCandidate& c = search.candidates[k];
      std::cout << "  lr " << listed[k]["lr"] << ": " << to_string(c.reason) << ", final loss "
                << listed[k]["final_loss"];
      // A trend is worth a word only when the candidate finished without converging.
      if (c.reason != StopReason::diverged && c.trend != LossTrend::decreasing) std::cout << ", " << to_string(c.trend);
      std::cout << "\n";
    }
    if (const std::string warning = search.edge_warning(); !warning.empty()) std::cout << warning << "\n";
  }
  std::cout << outcome.result.brief_report() << "\n";
  if (const auto& f = outcome.files.summary["final"]; !f.is_null()) {
    std::cout << "final: train loss " << f["train_loss"] << ", test loss " << f["test_loss"] << ", relative error "
              << f["relative_error"] << ", PSNR " << f["psnr"] << ", nuclear norm " << f["nuclear_norm"] << "\n";
    if (f.contains("train_rmse") && !f["train_rmse"].is_null())
      std::cout << "entries: train RMSE " << f["train_rmse"] << ", test RMSE " << f["test_rmse"] << ", test MAE "
                << f["test_mae"] << "\n";
  }
  if (const auto& snr = outcome.files.summary["snr_db"]; snr.is_number())
    std::cout << "measurements: SNR " << std::fixed << std::setprecision(1) << snr.get<double>() << " dB\n"
              << std::defaultfloat;
  std::cout << "wrote " << out << std::endl;
}

int run(CLI::App& command, TrainCommand& c, const World& world) {
  // From the start, so that a signal at any point lets the staging directory clean up after itself.
  InterruptSignals signals;
  const double progress_seconds = progress_seconds_from_environment();
  std::optional<Checkpoint> resume;
  nlohmann::json recorded;
  TrainingJob job;
  Problem problem;
  PreparedTraining prepared;
  // Every process checks the same options and reads its part of the problem: a refusal on any one
  // of them (its part's file) is every process's, before any of them goes on.
  run_agreed(*world.comm(), [&] {
    if (!c.resume.empty()) resume = prepare_resume(command, c);
    if (!c.config.empty()) apply_config_file(command, c.config);
    if (c.problem.empty() || c.out.empty()) throw InputError("train: --problem and --out are required (or --resume RUN)");
    recorded = given_options(command, kNotRecorded);
    // --config may name the paths too, so they are checked once it has been applied.
    const std::vector<NamedPath> inputs{
        {"--problem", c.problem}, {"--config", c.config}, {"--params-in", c.params_in}};
    refuse_output_over_inputs({"--out", c.out}, inputs);
    refuse_output_over_inputs({"--params-init-out", c.params_init_out}, inputs);
    refuse_output_over_inputs({"--params-init-out", c.params_init_out}, {{"--out", c.out}});
    job = training_job(c.flags, c.flags.model);
    job.extra_config["problem"] = std::filesystem::absolute(c.problem).lexically_normal().string();
    job.extra_config["params-in"] = c.params_in;

    // --threads sizes the one pool of threads a run has. BLAS threads would only contend with it,
    // and where OpenBLAS splits a call (a factorisation of an n x R basis) the sums, and so the
    // results, would depend on its thread count, that is on the machine.
    blas::set_threads(1);
    // Under mpirun each process holds its part of the measurements (problems/problem_part.hpp):
    // the part directory it reads of a sharded problem, or the whole plain one it splits.
    const std::filesystem::path read =
        is_sharded(c.problem) ? part_directory(c.problem, world.comm()->rank()) : std::filesystem::path(c.problem);
    check_problem_memory(read, job.train.max_memory_gb);
    problem = load_problem_part(c.problem, world.comm());
    if (resume)
      job.initial = resume->initial;  // --params-in was read when the run began
    else if (!c.params_in.empty())
      job.initial = npy::read_vector(c.params_in);
    // The model and its start are made once, before the output directory is claimed, so invalid
    // settings fail first and --params-init-out holds the start the run trains from.
    prepared = prepare_training(problem, job);
  });
  const std::filesystem::path checkpoint_file = checkpoint_path(c.out);
  // Rank 0 alone writes (the start, the run directory, checkpoints); its refusals are everyone's.
  std::optional<StagingDirectory> staging;
  std::error_code ignored;
  run_agreed(*world.comm(), [&] {
    if (!world.is_root()) return;
    if (!c.params_init_out.empty()) npy::write_vector(c.params_init_out, prepared.initial);
    if (!resume && std::filesystem::exists(checkpoint_file) && !c.force)
      throw InputError(checkpoint_file.string() + ": a checkpoint of an unfinished run to " + c.out +
                       " exists; continue it with --resume " + c.out + ", or start over with --force");
    staging.emplace(c.out, c.force);
    // --force starts over: a checkpoint of the run it replaces must not outlive it.
    if (!resume) std::filesystem::remove(checkpoint_file, ignored);
  });
  double raised = signals.raised() ? 1.0 : 0.0;
  world.comm()->sum(std::span<double>(&raised, 1));  // all processes stop, or none
  if (raised > 0.0) {
    if (world.is_root())
      std::cerr << "snnsense: interrupted before training started; " << c.out << " was not written\n";
    return signals.exit_code();
  }

  // Several processes stop together, after the iteration at which any of them saw the signal.
  AgreedInterrupt agreed(*world.comm(), signals.flag());
  const std::atomic<bool>& interrupt = world.parallel() ? agreed.agreed() : signals.flag();
  CheckpointOptions checkpoints;
  if (world.is_root()) checkpoints.file = checkpoint_file;
  checkpoints.every = c.checkpoint_every;
  checkpoints.interrupt = &interrupt;  // the writer stops the run once it has saved it
  checkpoints.caller = recorded;
  checkpoints.caller["problem"] = job.extra_config["problem"];
  checkpoints.after_write = kill_after_checkpoint_from_environment();
  ProgressLine progress(stderr, world.is_root() ? progress_seconds : 0.0);
  std::vector<Callback*> callbacks{&progress};
  if (world.parallel()) callbacks.push_back(&agreed);
  const TrainingOutcome outcome =
      run_training_job(problem, job, prepared, callbacks, checkpoints, resume ? &*resume : nullptr);
  if (!world.is_root()) {  // the same exit code as rank 0, which writes and reports
    if (outcome.result.reason == StopReason::interrupted) return signals.exit_code();
    return outcome.result.reason == StopReason::diverged ? 3 : 0;
  }
  outcome.files.save(staging->path(), problem);
  staging->commit();
  print_outcome(outcome, c.out);

  if (outcome.result.reason == StopReason::interrupted) {
    if (std::filesystem::exists(checkpoint_file))
      std::cerr << "snnsense: checkpoint in " << checkpoint_file.string() << "; continue with: "
                << (world.parallel() ? "mpirun -np " + std::to_string(world.comm()->size()) + " " : "")
                << "snnsense train --resume " << c.out << "\n";
    return signals.exit_code();
  }
  // Finished (or diverged, which a resumed run would repeat): nothing is left to continue. The
  // run is written; a checkpoint that cannot be removed is only a leftover.
  std::filesystem::remove(checkpoint_file, ignored);
  if (outcome.result.reason == StopReason::diverged) {
    std::cerr << "snnsense: training diverged" << (outcome.any_finished ? "" : " for every step size tried")
              << " (run written to " << c.out << "); try a smaller --lr or --lr search\n";
    return 3;
  }
  return 0;
}

}  // namespace

void register_train(CLI::App& app, Context& context) {
  auto c = std::make_shared<TrainCommand>();
  CLI::App* cmd = app.add_subcommand("train", "Train a model on a problem and write a run directory");
  cmd->add_option("--problem", c->problem, "Problem directory (from 'snnsense generate' or your own)");
  cmd->add_option("--out", c->out, "Run directory to write");
  cmd->add_flag("--force", c->force, "Replace an existing run directory");
  cmd->add_option("--config", c->config, "JSON file with the same keys as these options (flags override it)");
  add_training_flags(*cmd, c->flags, true);
  cmd->add_option("--params-in", c->params_in, "Start from these parameters (.npy vector) instead of the init");
  cmd->add_option("--params-init-out", c->params_init_out,
                  "Also write the initial parameters to this .npy file (same layout as --params-in), so that "
                  "another implementation can start from them");
  cmd->add_option("--checkpoint-every", c->checkpoint_every,
                  "Write a checkpoint (RUN.checkpoint beside the run directory) every this many steps; 0: only "
                  "when interrupted (Ctrl-C, SIGTERM)")
      ->check(integer_range<Index>(0))
      ->capture_default_str();
  cmd->add_option("--resume", c->resume,
                  "Continue the run to RUN from its checkpoint, with the options it was started with, to its "
                  "configured budget: the result is bit for bit the uninterrupted run's");
  cmd->callback([cmd, c, &context] { context.exit_code = run(*cmd, *c, *context.world); });
}

}  // namespace snnsense::cli
