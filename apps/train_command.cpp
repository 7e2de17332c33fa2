// snnsense train: fit a model to a problem's training measurements and write a run directory.
#include <filesystem>
#include <iostream>
#include <sstream>

#include "commands.hpp"
#include "config_file.hpp"
#include "snnsense/core/error.hpp"
#include "snnsense/io/npy.hpp"
#include "snnsense/io/staging_directory.hpp"
#include "snnsense/models/model_factory.hpp"
#include "snnsense/problems/problem_io.hpp"
#include "snnsense/training/progress_line.hpp"
#include "snnsense/training/stop_rules.hpp"
#include "snnsense/training/training_job.hpp"

namespace snnsense::cli {

namespace {

struct TrainCommand {
  std::string problem, out, config, params_in, params_init_out;
  bool force = false;
  std::string model = "snn";
  std::string layers = "2,2,2,2";
  std::string activation = "tanh";
  double activation_scale = 1.0;
  std::string init = "identity";
  double init_eps = 1e-4;
  std::optional<double> init_scale;
  Index rank = 0;
  int depth = 3;
  Index width = 0;
  std::string lr = "0.01";
  std::string lr_grid;
  Index search_successes = 3;
  Index search_probe = 0;
  Index trace_every = 0;
  TrainOptions train;
};

// Parses "4,8,16".
std::vector<int> parse_widths(const std::string& text) {
  std::vector<int> widths;
  std::stringstream in(text);
  std::string item;
  while (std::getline(in, item, ',')) {
    std::size_t used = 0;
    int value = 0;
    try {
      value = std::stoi(item, &used);
    } catch (const std::exception&) {
      used = 0;
    }
    if (used == 0 || used != item.size() || value <= 0)
      throw InputError("--layers: widths must be positive integers separated by commas, got '" + text + "'");
    widths.push_back(value);
  }
  if (widths.empty()) throw InputError("--layers: at least one width is needed");
  return widths;
}

double parse_positive(const std::string& option, const std::string& text) {
  std::size_t used = 0;
  double value = 0;
  try {
    value = std::stod(text, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used == 0 || used != text.size() || !(value > 0.0) || !std::isfinite(value))
    throw InputError(option + ": expected a positive number, got '" + text + "'");
  return value;
}

std::vector<double> parse_grid(const std::string& text) {
  std::vector<double> grid;
  std::stringstream in(text);
  std::string item;
  while (std::getline(in, item, ',')) grid.push_back(parse_positive("--lr-grid", item));
  return grid;
}

ModelSettings model_settings(const TrainCommand& c) {
  ModelSettings s;
  s.snn.layers = parse_widths(c.layers);
  s.snn.activation = Activation::from_name(c.activation, c.activation_scale);
  s.snn.rank = c.rank;
  s.snn.identity_eps = c.init_eps;
  s.bm.rank = c.rank;
  s.df.depth = c.depth;
  s.df.width = c.width;
  if (c.model == "snn" || c.model == "woa") s.snn.init = snn_init_from_string(c.init);
  if (c.model == "bm" || c.model == "bm-psd") s.bm.init = factor_init_from_string(c.init);
  if (c.model == "df") s.df.init = factor_init_from_string(c.init);
  if (c.init_scale) {
    s.snn.init_scale = s.bm.init_scale = s.df.init_scale = s.lg.init_scale = *c.init_scale;
  }
  return s;
}

nlohmann::json cli_config(const TrainCommand& c) {
  return {{"problem", std::filesystem::absolute(c.problem).lexically_normal().string()},
          {"layers", parse_widths(c.layers)},
          {"activation", c.activation},
          {"activation-scale", c.activation_scale},
          {"init", c.init},
          {"init-eps", c.init_eps},
          {"init-scale", c.init_scale ? nlohmann::json(*c.init_scale) : nlohmann::json(nullptr)},
          {"rank", c.rank},
          {"depth", c.depth},
          {"width", c.width},
          {"params-in", c.params_in}};
}

void print_outcome(const TrainingOutcome& outcome, const std::string& out) {
  if (const auto& search = outcome.files.summary["step_size_search"]; !search.is_null())
    for (const auto& cand : search["candidates"])
      std::cout << "  lr " << cand["lr"] << ": " << cand["status"].get<std::string>() << ", final loss "
                << cand["final_loss"] << "\n";
  std::cout << outcome.result.brief_report() << "\n";
  if (const auto& f = outcome.files.summary["final"]; !f.is_null())
    std::cout << "final: train loss " << f["train_loss"] << ", test loss " << f["test_loss"] << ", relative error "
              << f["relative_error"] << ", PSNR " << f["psnr"] << ", nuclear norm " << f["nuclear_norm"] << "\n";
  std::cout << "wrote " << out << std::endl;
}

int run(CLI::App& command, TrainCommand& c, const std::string& schedule, const std::string& momentum) {
  if (!c.config.empty()) apply_config_file(command, c.config);
  TrainingJob job;
  job.model = c.model;
  job.train = c.train;
  job.train.schedule = schedule_from_string(schedule);
  job.train.momentum = momentum_from_string(momentum);
  job.search_step_size = c.lr == "search";
  if (!job.search_step_size) job.train.lr = parse_positive("--lr", c.lr);
  if (!c.lr_grid.empty()) job.search.grid = parse_grid(c.lr_grid);
  job.search.successes = c.search_successes;
  job.search.probe_iterations = c.search_probe;
  job.trace_every = c.trace_every;
  job.init_seed = c.train.seed;
  job.settings = model_settings(c);
  job.extra_config = cli_config(c);
  job.train.validate();
  if (job.search_step_size) job.search.validate();

  const Problem problem = load_problem(c.problem);
  // Validates the model against the problem before the output directory is claimed.
  const ModelPtr model = make_model(job.model, problem.n1, problem.n2, job.settings, problem.basis);
  if (!c.params_in.empty()) job.initial = npy::read_vector(c.params_in);
  if (!c.params_init_out.empty()) {
    // Drawn here exactly as run_training_job would, so the file holds the run's true start.
    if (!job.initial) {
      Rng rng(job.init_seed);
      job.initial = model->initial_parameters(rng);
    }
    npy::write_vector(c.params_init_out, *job.initial);
  }
  StagingDirectory staging(c.out, c.force);

  SigintFlag sigint;
  InterruptStop interrupt(sigint.flag());
  ProgressLine progress(stderr);
  const TrainingOutcome outcome = run_training_job(problem, job, {&progress, &interrupt});
  outcome.files.save(staging.path(), problem);
  staging.commit();
  print_outcome(outcome, c.out);

  if (outcome.result.reason == StopReason::interrupted) return 130;
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
  auto schedule = std::make_shared<std::string>("constant");
  auto momentum = std::make_shared<std::string>("none");
  CLI::App* cmd = app.add_subcommand("train", "Train a model on a problem and write a run directory");
  cmd->add_option("--problem", c->problem, "Problem directory (from 'snnsense generate' or your own)")->required();
  cmd->add_option("--out", c->out, "Run directory to write")->required();
  cmd->add_flag("--force", c->force, "Replace an existing run directory");
  cmd->add_option("--config", c->config, "JSON file with the same keys as these options (flags override it)");
  cmd->add_option("--model", c->model, "snn, woa, lg, bm, bm-psd or df")->capture_default_str();
  cmd->add_option("--layers", c->layers, "SNN widths d1,...,dL")->capture_default_str();
  cmd->add_option("--activation", c->activation, "tanh, scaled-tanh, softsign, centred-sigmoid or identity")
      ->capture_default_str();
  cmd->add_option("--activation-scale", c->activation_scale, "c of scaled-tanh and centred-sigmoid")
      ->capture_default_str();
  cmd->add_option("--init", c->init, "SNN: spectral, identity, random, diag; bm/df: identity, gaussian")
      ->capture_default_str();
  cmd->add_option("--init-eps", c->init_eps, "eps of the SNN identity init U = V = eps I")->capture_default_str();
  cmd->add_option("--init-scale", c->init_scale,
                  "Multiplier of the initial factors (default: 1 for snn, 1e-3 for bm/df, 0 for lg)");
  cmd->add_option("--rank", c->rank, "Columns of the SNN/BM factors (0: min(n1, n2))")->capture_default_str();
  cmd->add_option("--depth", c->depth, "Factors of the deep factorisation (df)")->capture_default_str();
  cmd->add_option("--width", c->width, "Inner width of df (0: min(n1, n2))")->capture_default_str();
  cmd->add_option("--lr", c->lr, "Step size, or 'search' for the paper's grid search")->capture_default_str();
  cmd->add_option("--lr-grid", c->lr_grid, "Comma-separated step sizes for --lr search (default {5,1}x10^k, k=1..-11)");
  cmd->add_option("--search-successes", c->search_successes, "Stop the search after this many finished candidates")
      ->capture_default_str();
  cmd->add_option("--search-probe", c->search_probe, "Iterations per search candidate (0: the full --iters)")
      ->capture_default_str();
  cmd->add_option("--iters", c->train.iterations, "Gradient steps")->capture_default_str();
  cmd->add_option("--schedule", *schedule, "constant, cosine or step")->capture_default_str();
  cmd->add_option("--decay-every", c->train.decay_every, "step schedule: decay period")->capture_default_str();
  cmd->add_option("--decay-factor", c->train.decay_factor, "step schedule: decay factor")->capture_default_str();
  cmd->add_option("--momentum", *momentum, "none, heavy-ball or nesterov")->capture_default_str();
  cmd->add_option("--momentum-coefficient", c->train.momentum_coefficient)->capture_default_str();
  cmd->add_option("--batch-size", c->train.batch_size, "Measurements per step (0: full-batch GD)")->capture_default_str();
  cmd->add_option("--loss-tol", c->train.loss_tolerance, "Stop at this training loss (0: off)")->capture_default_str();
  cmd->add_option("--grad-tol", c->train.gradient_tolerance, "Stop at this gradient norm (0: off)")->capture_default_str();
  cmd->add_option("--divergence-factor", c->train.divergence_factor, "Loss above this x the initial loss is divergence")
      ->capture_default_str();
  cmd->add_option("--trace-every", c->trace_every, "Trace sampling period (0: iters/100)")->capture_default_str();
  cmd->add_option("--seed", c->train.seed, "Seed of the initialisation and minibatches")->capture_default_str();
  cmd->add_option("--params-in", c->params_in, "Start from these parameters (.npy vector) instead of the init");
  cmd->add_option("--params-init-out", c->params_init_out,
                  "Also write the initial parameters to this .npy file (same layout as --params-in), so that "
                  "another implementation can start from them");
  cmd->callback([cmd, c, schedule, momentum, &context] { context.exit_code = run(*cmd, *c, *schedule, *momentum); });
}

}  // namespace snnsense::cli
