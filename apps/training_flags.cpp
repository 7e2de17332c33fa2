#include "training_flags.hpp"

#include <cmath>
#include <sstream>

#include "integer_range.hpp"
#include "snnsense/core/enum_names.hpp"
#include "snnsense/core/error.hpp"
#include "snnsense/linalg/activation.hpp"
#include "snnsense/models/model_factory.hpp"
#include "snnsense/training/train_options.hpp"

namespace snnsense::cli {

namespace {

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

ModelSettings model_settings(const TrainingFlags& f, const std::string& model) {
  ModelSettings s;
  s.snn.layers = parse_widths(f.layers);
  s.snn.activation = Activation::from_name(f.activation, f.activation_scale);
  s.snn.rank = f.rank;
  s.snn.identity_eps = f.init_eps;
  s.snn.threads = f.threads;
  s.snn.warm_start_svd = enum_from_string<SvdMethod>(f.svd, "--svd: unknown method") == SvdMethod::warm;
  s.snn.representation = enum_from_string<Representation>(f.representation, "--representation: unknown form");
  s.bm.rank = f.rank;
  s.bm.representation = s.snn.representation;
  s.df.depth = f.depth;
  s.df.width = f.width;
  // --init names an SNN initialisation or a factor initialisation, depending on the model.
  if (model == "snn" || model == "woa") s.snn.init = snn_init_from_string(f.init);
  if (model == "bm" || model == "bm-psd") s.bm.init = factor_init_from_string(f.init);
  if (model == "df") s.df.init = factor_init_from_string(f.init);
  if (f.init_scale) s.snn.init_scale = s.bm.init_scale = s.df.init_scale = s.lg.init_scale = *f.init_scale;
  return s;
}

}  // namespace

std::string TrainingFlags::join_widths(const std::vector<int>& widths) {
  std::string text;
  for (int w : widths) text += (text.empty() ? "" : ",") + std::to_string(w);
  return text;
}

std::string TrainingFlags::number_text(double value) {
  std::ostringstream out;
  out << value;
  return out.str();
}

TrainingJob training_job(const TrainingFlags& f, const std::string& model) {
  TrainingJob job;
  job.model = model;
  job.train = f.train;
  job.train.schedule = schedule_from_string(f.schedule);
  job.train.momentum = momentum_from_string(f.momentum);
  job.train.optimizer = optimizer_from_string(f.optimizer);
  job.search_step_size = f.lr == "search";
  if (!job.search_step_size) job.train.lr = parse_positive("--lr", f.lr);
  // A grid the user names is tried as given; without one the default grid is placed on the problem's scale.
  if (!f.lr_grid.empty()) {
    job.search.placement = GridPlacement::fixed;
    if (f.lr_grid != "paper") job.search.grid = parse_grid(f.lr_grid);
  }
  job.search.successes = f.search_successes;
  job.search.probe_iterations = f.search_probe;
  job.trace_every = f.trace_every;
  job.init_seed = f.train.seed;
  job.settings = model_settings(f, model);
  job.record_settings();
  // Without --init-scale each model takes its own default, which config.json says as null.
  if (!f.init_scale) job.extra_config["init-scale"] = nullptr;
  job.validate();
  return job;
}

void add_training_flags(CLI::App& cmd, TrainingFlags& f, bool with_model) {
  if (with_model) cmd.add_option("--model", f.model, one_of(model_names()))->capture_default_str();
  cmd.add_option("--layers", f.layers, "SNN widths d1,...,dL")->capture_default_str();
  cmd.add_option("--activation", f.activation, one_of(Activation::names()))
      ->capture_default_str();
  cmd.add_option("--activation-scale", f.activation_scale, "c of scaled-tanh and centred-sigmoid")
      ->capture_default_str();
  cmd.add_option("--init", f.init, "SNN: spectral, identity, random, diag; bm/df: identity, gaussian")
      ->capture_default_str();
  cmd.add_option("--init-eps", f.init_eps, "eps of the SNN identity init U = V = eps I")->capture_default_str();
  cmd.add_option("--init-scale", f.init_scale,
                 "Multiplier of the initial factors (default: 1 for snn, 1e-3 for bm/df, 0 for lg)");
  cmd.add_option("--rank", f.rank, "Columns of the SNN/BM factors (0: min(n1, n2))")
      ->check(integer_range<Index>(0))
      ->capture_default_str();
  cmd.add_option("--depth", f.depth, "Factors of the deep factorisation (df)")
      ->check(integer_range<int>(0))
      ->capture_default_str();
  cmd.add_option("--width", f.width, "Inner width of df (0: min(n1, n2))")
      ->check(integer_range<Index>(0))
      ->capture_default_str();
  cmd.add_option("--lr", f.lr, "Step size, or 'search' for the paper's grid search")->capture_default_str();
  cmd.add_option("--lr-grid", f.lr_grid, "Step sizes for --lr search, tried as given: comma-separated, or 'paper' for {5,1}x10^k, k=1..-11 "
                 "(default: the paper's grid shifted by a power of ten to the problem's loss curvature)");
  cmd.add_option("--search-successes", f.search_successes, "Stop the search after this many finished candidates")
      ->check(integer_range<Index>(0))
      ->capture_default_str();
  cmd.add_option("--search-probe", f.search_probe, "Iterations per search candidate (0: the full --iters)")
      ->check(integer_range<Index>(0))
      ->capture_default_str();
  cmd.add_option("--iters", f.train.iterations, "Gradient steps")
      ->check(integer_range<Index>(0))
      ->capture_default_str();
  cmd.add_option("--schedule", f.schedule, one_of(enum_names<Schedule>()))->capture_default_str();
  cmd.add_option("--decay-every", f.train.decay_every, "step schedule: decay period")
      ->check(integer_range<Index>(0))
      ->capture_default_str();
  cmd.add_option("--decay-factor", f.train.decay_factor, "step schedule: decay factor")->capture_default_str();
  cmd.add_option("--optimizer", f.optimizer,
                 one_of(enum_names<OptimizerKind>()) + ": gradient descent (with --momentum) or Adam, as PyTorch "
                 "computes them")
      ->capture_default_str();
  cmd.add_option("--momentum", f.momentum, one_of(enum_names<Momentum>()) + " (--optimizer gd)")->capture_default_str();
  cmd.add_option("--momentum-coefficient", f.train.momentum_coefficient)->capture_default_str();
  cmd.add_option("--adam-beta1", f.train.adam_beta1, "Adam: decay of the first moment")->capture_default_str();
  cmd.add_option("--adam-beta2", f.train.adam_beta2, "Adam: decay of the second moment")->capture_default_str();
  cmd.add_option("--adam-eps", f.train.adam_epsilon, "Adam: added to the second moment's root")->capture_default_str();
  cmd.add_option("--batch-size", f.train.batch_size, "Measurements per step (0: full-batch GD)")
      ->check(integer_range<Index>(0))
      ->capture_default_str();
  cmd.add_option("--loss-tol", f.train.loss_tolerance, "Stop at this training loss (0: off)")->capture_default_str();
  cmd.add_option("--grad-tol", f.train.gradient_tolerance, "Stop at this gradient norm (0: off)")->capture_default_str();
  cmd.add_option("--divergence-factor", f.train.divergence_factor, "Loss above this x the initial loss is divergence")
      ->capture_default_str();
  cmd.add_option("--early-stopping", f.train.early_stopping_patience,
                 "Stop once this many held-out checks in a row have not lowered the test loss, and report "
                 "the best checked iterate (0: off; needs held-out measurements)")
      ->check(integer_range<Index>(0))
      ->capture_default_str();
  cmd.add_option("--early-stopping-every", f.train.early_stopping_every, "Steps between held-out checks")
      ->check(integer_range<Index>(1))
      ->capture_default_str();
  cmd.add_option("--trace-every", f.trace_every, "Trace sampling period (0: iters/100)")
      ->check(integer_range<Index>(0))
      ->capture_default_str();
  cmd.add_option("--seed", f.train.seed, "Seed of the initialisation and minibatches")
      ->check(integer_range<std::uint64_t>(0))
      ->capture_default_str();
  cmd.add_option("--threads", f.threads,
                 "Threads for the SNN's per-layer SVDs, the factored SNN's bases and the operators' passes "
                 "over their measurements (the BLAS runs single-threaded); results do not depend on it")
      ->check(integer_range<int>(0))
      ->capture_default_str();
  cmd.add_option("--svd", f.svd,
                 "SNN decompositions: warm (Jacobi from the previous step's singular vectors, LAPACK when "
                 "that fails) or lapack (dgesdd every step)")
      ->capture_default_str();
  cmd.add_option("--max-memory", f.train.max_memory_gb,
                 "GB a run may take (0: the machine's available memory); a larger estimate is refused before "
                 "anything is allocated or written")
      ->capture_default_str();
  cmd.add_option("--representation", f.representation,
                 "SNN: dense (n1 x n2 matrices), factored (cores of X = P C Q^T: cost in n1 + n2 and the "
                 "measurements, not n1 n2; same function and gradient) or auto (factored when d1 * rank < "
                 "min(n1, n2))")
      ->capture_default_str();
}

}  // namespace snnsense::cli
