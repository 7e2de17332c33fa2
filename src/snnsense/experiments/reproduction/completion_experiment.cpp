#include "snnsense/experiments/reproduction/completion_experiment.hpp"

#include <algorithm>
#include <cmath>

#include "snnsense/core/enum_names.hpp"
#include "snnsense/experiments/reports/text_format.hpp"
#include "snnsense/experiments/reproduction/comparison.hpp"
#include "snnsense/experiments/reproduction/convex_run.hpp"
#include "snnsense/experiments/reproduction/finished_runs.hpp"
#include "snnsense/experiments/reproduction/reproduction_record.hpp"
#include "snnsense/io/atomic_file.hpp"
#include "snnsense/io/json_file.hpp"
#include "snnsense/problems/ground_truth.hpp"
#include "snnsense/problems/problem_io.hpp"

namespace snnsense {

namespace fs = std::filesystem;

namespace {

// The recipe every trained model shares: plain GD with the step size searched on the loss
// curvature, early stopping on the held-out entries (the best iterate kept).
TrainingJob completion_job(const std::string& model, Index iterations, Index patience) {
  TrainingJob job;
  job.model = model;
  job.train.iterations = iterations;
  job.search_step_size = true;
  // Long probes: a start near zero sits on a saddle for tens of steps, where every step size
  // looks alike.
  job.search.probe_iterations = std::max<Index>(1, iterations / 4);
  job.train.early_stopping_patience = patience;
  job.train.early_stopping_every = std::max<Index>(1, iterations / 40);
  job.trace_every = std::max<Index>(1, iterations / 50);
  return job;
}

std::string eps_text(double eps) { return format_text("%g", eps); }

void write_frontier_csv(const fs::path& file, const std::vector<FrontierPoint>& points) {
  write_file_atomically(file, [&points](std::ostream& out) {
    out.precision(17);
    out << "run,identity_eps,train_rmse,nuclear_norm,frontier_nuclear_norm,gap\n";
    for (const FrontierPoint& p : points) {
      out << p.run << ',' << p.identity_eps << ',' << p.train_rmse << ',' << p.nuclear_norm << ',';
      if (p.frontier_nuclear_norm) out << *p.frontier_nuclear_norm;
      out << ',';
      if (p.gap) out << *p.gap;
      out << '\n';
    }
  });
}

// The SNN's activation c tanh(s / c) with c = margin s1, and its step size snn_step m / lambda_max:
// the first step moves X by the same fraction of the data's scale on every size of the problem
// (the loss gradient at zero is A*(y) / m).
void scale_to_data(TrainingJob& job, const CompletionExperimentOptions& options, double s1, double lambda_max, Index m) {
  job.settings.snn.activation = Activation(ActivationKind::scaled_tanh, options.activation_margin * s1);
  job.train.lr = options.snn_step * static_cast<double>(m) / lambda_max;
}

// What the frontier and the SNN's scaling need from soft-impute: lambda_max and the path's points.
struct SoftImputePath {
  double lambda_max = 0.0;
  std::vector<SoftImputePoint> points;
};

// The same from a soft-impute run directory (its summary.json), for a run kept from an earlier,
// killed reproduction.
SoftImputePath read_soft_impute_path(const fs::path& run) {
  const nlohmann::json summary = read_json(run / "summary.json");
  SoftImputePath path;
  path.lambda_max = summary.at("lambda_max").get<double>();
  for (const nlohmann::json& p : summary.at("path")) {
    SoftImputePoint point;
    point.lambda = p.at("lambda").get<double>();
    point.train_rmse = p.at("train_rmse").get<double>();
    point.nuclear_norm = p.at("nuclear_norm").get<double>();
    path.points.push_back(point);
  }
  return path;
}

}  // namespace

std::optional<double> frontier_nuclear_norm(const std::vector<SoftImputePoint>& path, double train_rmse) {
  std::vector<const SoftImputePoint*> points;
  for (const SoftImputePoint& p : path) points.push_back(&p);
  std::sort(points.begin(), points.end(),
            [](const SoftImputePoint* a, const SoftImputePoint* b) { return a->train_rmse < b->train_rmse; });
  for (std::size_t i = 1; i < points.size(); ++i) {
    const SoftImputePoint& a = *points[i - 1];
    const SoftImputePoint& b = *points[i];
    if (train_rmse < a.train_rmse || train_rmse > b.train_rmse) continue;
    if (b.train_rmse == a.train_rmse) return std::min(a.nuclear_norm, b.nuclear_norm);
    const double t = (train_rmse - a.train_rmse) / (b.train_rmse - a.train_rmse);
    return a.nuclear_norm + t * (b.nuclear_norm - a.nuclear_norm);
  }
  return std::nullopt;
}

CompletionExperimentOptions CompletionExperimentOptions::fashion_mnist(bool quick) {
  CompletionExperimentOptions o;
  o.quick = quick;
  o.data.problem = "fashion-mnist";
  o.data.design = "completion";
  o.data.n = quick ? 1000 : kFashionMnistTrainImages;
  o.data.fraction = 0.10;
  o.data.test = static_cast<Index>(std::llround(0.01 * static_cast<double>(o.data.n) * 784.0));
  o.data.noise = 0.0;  // real data: no noise is added
  o.data.seed = 0;

  // The whole set needs a smaller SNN step (below) and so more steps, and patience to outlast the
  // saddle at zero, on which the held-out error does not improve.
  const Index iterations = quick ? 500 : 1000;
  const Index patience = quick ? 10 : 20;
  TrainingJob bm = completion_job("bm", iterations, patience);
  bm.settings.bm.rank = 32;
  o.runs.push_back({"bm", "Burer-Monteiro, rank 32", bm});

  // Pixels / 255 give singular values in the hundreds (the first about 330 for 1000 images, 2600
  // for all), where tanh saturates and flattens the spectrum; the SNN runs are scaled to the data
  // when the experiment has it (snn_scale_to_data).
  TrainingJob snn = completion_job("snn", iterations, patience);
  snn.search_step_size = false;
  snn.settings.snn.layers = {4, 8, 16};
  snn.settings.snn.rank = 8;  // R = d1 r = 32, the rank of Burer-Monteiro's factors
  const std::string layers = "SNN [4,8,16], r = 8, scaled tanh, c = " + eps_text(o.activation_margin) + " s1";
  o.runs.push_back({"snn", layers + ", eps " + eps_text(snn.settings.snn.identity_eps), snn});
  for (double eps : {1e-2, 1.0}) {
    TrainingJob other = snn;
    other.settings.snn.identity_eps = eps;
    o.runs.push_back({"snn-eps-" + eps_text(eps), layers + ", eps " + eps_text(eps), other});
  }

  // Measured: 0.01 m / lambda_max diverges on the whole set where the SNN leaves the saddle at zero
  // (its curvature grows faster with s1 than Burer-Monteiro's, whose searched step follows m / lambda_max).
  o.snn_step = quick ? 0.01 : 0.003;
  o.soft_impute.path_length = 8;
  o.soft_impute.path_ratio = 1e-2;
  o.soft_impute.max_rank = quick ? 50 : 64;
  o.soft_impute.tolerance = 1e-3;
  o.soft_impute.max_iterations = 100;
  return o;
}

nlohmann::json CompletionExperimentOptions::to_json() const {
  nlohmann::json runs_json = nlohmann::json::array();
  for (const CompletionRunRecipe& r : runs) {
    nlohmann::json j = r.job.to_json();
    j["name"] = r.name;
    if (r.job.model == "snn") j["lr"] = nullptr;  // set from the data when the experiment runs
    j["label"] = r.label;
    if (r.job.model == "snn") {
      j["layers"] = r.job.settings.snn.layers;
      j["rank"] = r.job.settings.snn.rank;
      j["activation"] = r.job.settings.snn.activation.name();
      j["activation_scale"] = r.job.settings.snn.activation.scale();
      j["init"] = to_string(r.job.settings.snn.init);
      j["init_eps"] = r.job.settings.snn.identity_eps;
    } else if (r.job.model == "bm") {
      j["rank"] = r.job.settings.bm.rank;
    }
    runs_json.push_back(j);
  }
  return {{"name", "completion"},
          {"title", "Matrix completion on Fashion-MNIST: SNN, Burer-Monteiro and soft-impute"},
          {"quick", quick},
          {"data",
           {{"problem", data.problem},
            {"images", data.n},
            {"fraction", data.fraction},
            {"test", data.test},
            {"seed", data.seed}}},
          {"runs", runs_json},
          {"soft_impute", soft_impute.to_json()},
          {"snn_step", snn_step},
          {"activation_margin", activation_margin}};
}

CompletionExperimentResult run_completion_experiment(const CompletionExperimentOptions& options, const fs::path& dir,
                                                     const fs::path& final_dir, const ReproductionHooks& hooks) {
  const auto start = ReproductionClock::now();
  CompletionExperimentResult result;
  hooks.log(format_text("completion: reading %lld Fashion-MNIST images and drawing the entries",
                        static_cast<long long>(options.data.n)));
  const Problem problem = generate_problem(options.data);
  fs::create_directories(dir / "problem");
  save_problem(problem, dir / "problem");
  const std::string problem_path = (fs::absolute(final_dir) / "problem").lexically_normal().string();
  // Finished runs wait in final_dir.partial: a rerun after a kill takes them (FinishedRuns).
  FinishedRuns finished(FinishedRuns::folder_for(final_dir), problem, options.to_json(), hooks.force);
  finished.on_kept = hooks.on_kept;
  fs::create_directories(dir / "runs");
  auto take_kept = [&](const std::string& name) { return finished.restore(name, dir / "runs" / name); };
  auto save_run = [&](const std::string& name, RunFiles files) {
    files.config["problem"] = problem_path;
    fs::create_directories(dir / "runs" / name);
    files.save(dir / "runs" / name, problem);
  };

  SoftImputePath path;
  if (take_kept(kConvexModel)) {
    path = read_soft_impute_path(dir / "runs" / kConvexModel);
    hooks.log("completion: soft-impute's path kept from an earlier run");
  } else {
    hooks.log(format_text("completion: soft-impute along %lld lambdas",
                          static_cast<long long>(options.soft_impute.path_length)));
    SoftImputeOptions soft = options.soft_impute;
    soft.interrupt = hooks.interrupt;
    soft.on_lambda = [&hooks](const SoftImputePoint& point, std::size_t index, std::size_t count) {
      hooks.log("completion: soft-impute " + point_line(point, index, count));
    };
    const SoftImputeResult solved = solve_soft_impute(problem, soft);
    if (solved.interrupted) {
      result.interrupted = true;
      return result;
    }
    hooks.log("completion: " + solved.brief_report());
    fs::create_directories(dir / "runs" / kConvexModel);
    solved.write_path_csv(dir / "runs" / kConvexModel / "lambda_path.csv");
    save_run(kConvexModel, soft_impute_run_files(problem, options.soft_impute, solved));
    finished.keep(kConvexModel, dir / "runs" / kConvexModel);
    path = {solved.lambda_max, solved.path};
  }

  // A = P_Omega with p = m / (n1 n2) of the entries: A*(y) ~ p X*, so its largest singular value,
  // soft-impute's lambda_max, estimates p s1(X*).
  const double observed = static_cast<double>(problem.train_count()) / (static_cast<double>(problem.n1) * problem.n2);
  const double s1 = path.lambda_max / observed;
  // The table lists the trained models in the recipe's order, then the convex reference.
  ComparisonTable table;
  table.completion = true;
  for (CompletionRunRecipe recipe : options.runs) {
    if (recipe.job.model == "snn") scale_to_data(recipe.job, options, s1, path.lambda_max, problem.train_count());
    // config.json records the settings each model's recipe sets.
    if (recipe.job.model == "bm")
      recipe.job.record_settings({"rank"});
    else
      recipe.job.record_settings({"layers", "rank", "activation", "activation-scale", "init", "init-eps"});
    const fs::path run_dir = dir / "runs" / recipe.name;
    if (!take_kept(recipe.name)) {
      hooks.log(format_text("completion: training %s (%s), %lld steps", recipe.name.c_str(), recipe.label.c_str(),
                            static_cast<long long>(recipe.job.train.iterations)));
      for (Callback* c : hooks.callbacks) c->on_stage(recipe.name);
      TrainingOutcome outcome = run_training_job(problem, recipe.job, hooks.callbacks);
      save_run(recipe.name, std::move(outcome.files));
      if (outcome.result.reason == StopReason::interrupted) {
        result.interrupted = true;
        return result;
      }
      finished.keep(recipe.name, run_dir);
    }
    table.rows.push_back(read_comparison_row(run_dir));
    const nlohmann::json& f = table.rows.back().summary["final"];
    const auto number = [&f](const char* key) {
      return f.is_object() && f.contains(key) && f[key].is_number() ? f[key].get<double>() : NAN;
    };
    hooks.log(format_text("completion: %s %s, lr %.0e, train RMSE %.4f, test RMSE %.4f, nuclear norm %.4g",
                          recipe.name.c_str(), table.rows.back().summary.value("status", "").c_str(),
                          table.rows.back().lr.value_or(NAN), number("train_rmse"), number("test_rmse"),
                          number("nuclear_norm")));
    if (recipe.job.model != "snn" || !std::isfinite(number("train_rmse"))) continue;
    FrontierPoint p;
    p.run = recipe.name;
    p.identity_eps = recipe.job.settings.snn.identity_eps;
    p.train_rmse = number("train_rmse");
    p.nuclear_norm = number("nuclear_norm");
    p.frontier_nuclear_norm = frontier_nuclear_norm(path.points, p.train_rmse);
    if (p.frontier_nuclear_norm) p.gap = (p.nuclear_norm - *p.frontier_nuclear_norm) / *p.frontier_nuclear_norm;
    result.frontier.push_back(p);
  }

  // Soft-impute's status (converged or not_converged) is its own, not a SolveStatus.
  table.rows.push_back(read_comparison_row(dir / "runs" / kConvexModel));
  table.write_csv(dir / "table.csv");
  table.write_markdown(dir / "table.md");
  write_frontier_csv(dir / "frontier.csv", result.frontier);
  result.claims = completion_claims(table, result.frontier, options.quick);
  write_reproduction_record(dir, options.to_json(), result.claims, start);
  finished.remove();
  return result;
}

}  // namespace snnsense
