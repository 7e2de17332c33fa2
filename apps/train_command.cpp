// snnsense train: fit a model to a problem's training measurements and write a run directory.
#include <filesystem>
#include <iomanip>
#include <iostream>

#include "commands.hpp"
#include "config_file.hpp"
#include "snnsense/io/npy.hpp"
#include "snnsense/io/output_overlap.hpp"
#include "snnsense/io/staging_directory.hpp"
#include "snnsense/linalg/blas.hpp"
#include "snnsense/problems/problem_io.hpp"
#include "snnsense/training/progress_line.hpp"
#include "snnsense/training/stop_rules.hpp"
#include "training_flags.hpp"

namespace snnsense::cli {

namespace {

struct TrainCommand {
  std::string problem, out, config, params_in, params_init_out;
  bool force = false;
  TrainingFlags flags;
};

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

int run(CLI::App& command, TrainCommand& c) {
  // From the start, so that a signal at any point lets the staging directory clean up after itself.
  InterruptSignals signals;
  const double progress_seconds = progress_seconds_from_environment();
  if (!c.config.empty()) apply_config_file(command, c.config);
  // --config may name the paths too, so they are checked once it has been applied.
  const std::vector<NamedPath> inputs{
      {"--problem", c.problem}, {"--config", c.config}, {"--params-in", c.params_in}};
  refuse_output_over_inputs({"--out", c.out}, inputs);
  refuse_output_over_inputs({"--params-init-out", c.params_init_out}, inputs);
  refuse_output_over_inputs({"--params-init-out", c.params_init_out}, {{"--out", c.out}});
  TrainingJob job = training_job(c.flags, c.flags.model);
  job.extra_config["problem"] = std::filesystem::absolute(c.problem).lexically_normal().string();
  job.extra_config["params-in"] = c.params_in;

  // --threads sizes the one pool of threads a run has. BLAS threads would only contend with it,
  // and where OpenBLAS splits a call (a factorisation of an n x R basis) the sums, and so the
  // results, would depend on its thread count, that is on the machine.
  blas::set_threads(1);
  const Problem problem = load_problem(c.problem);
  if (!c.params_in.empty()) job.initial = npy::read_vector(c.params_in);
  // The model and its start are made once, before the output directory is claimed, so invalid
  // settings fail first and --params-init-out holds the start the run trains from.
  const PreparedTraining prepared = prepare_training(problem, job);
  if (!c.params_init_out.empty()) npy::write_vector(c.params_init_out, prepared.initial);
  StagingDirectory staging(c.out, c.force);
  if (signals.raised()) {
    std::cerr << "snnsense: interrupted before training started; " << c.out << " was not written\n";
    return signals.exit_code();
  }

  InterruptStop interrupt(signals.flag());
  ProgressLine progress(stderr, progress_seconds);
  const TrainingOutcome outcome = run_training_job(problem, job, prepared, {&progress, &interrupt});
  outcome.files.save(staging.path(), problem);
  staging.commit();
  print_outcome(outcome, c.out);

  if (outcome.result.reason == StopReason::interrupted) return signals.exit_code();
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
  cmd->add_option("--problem", c->problem, "Problem directory (from 'snnsense generate' or your own)")->required();
  cmd->add_option("--out", c->out, "Run directory to write")->required();
  cmd->add_flag("--force", c->force, "Replace an existing run directory");
  cmd->add_option("--config", c->config, "JSON file with the same keys as these options (flags override it)");
  add_training_flags(*cmd, c->flags, true);
  cmd->add_option("--params-in", c->params_in, "Start from these parameters (.npy vector) instead of the init");
  cmd->add_option("--params-init-out", c->params_init_out,
                  "Also write the initial parameters to this .npy file (same layout as --params-in), so that "
                  "another implementation can start from them");
  cmd->callback([cmd, c, &context] { context.exit_code = run(*cmd, *c); });
}

}  // namespace snnsense::cli
