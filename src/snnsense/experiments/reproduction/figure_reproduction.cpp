#include "snnsense/experiments/reproduction/figure_reproduction.hpp"

#include "snnsense/experiments/reproduction/convex_run.hpp"
#include "snnsense/experiments/reproduction/reproduction_record.hpp"
#include "snnsense/experiments/analysis/diagnosis.hpp"
#include "snnsense/experiments/analysis/excess_loss_rate.hpp"
#include "snnsense/convex/min_frobenius_interpolant.hpp"
#include "snnsense/experiments/reports/text_format.hpp"
#include "snnsense/io/json_file.hpp"
#include "snnsense/problems/problem_io.hpp"

namespace snnsense {

namespace fs = std::filesystem;

namespace {

std::string start_line(const FigureRecipe& recipe, const std::string& model) {
  if (model == kConvexModel) return recipe.name + ": solving the convex reference, " + recipe.labels.at(model);
  const TrainingJob& job = recipe.jobs.at(model);
  return format_text("%s: training %s (%s), %lld steps, step-size search over %zu candidates", recipe.name.c_str(),
                     model.c_str(), recipe.labels.at(model).c_str(), static_cast<long long>(job.train.iterations),
                     job.search.grid.size());
}

std::string result_line(const std::string& figure, const ComparisonRow& row, double seconds) {
  const nlohmann::json& s = row.summary;
  const nlohmann::json& f = s.contains("final") ? s["final"] : nlohmann::json(nullptr);
  auto has = [&f](const char* key) { return f.is_object() && f.contains(key) && f[key].is_number(); };
  auto at = [&f, &has](const char* key) { return has(key) ? f[key].get<double>() : 0.0; };
  const std::string status = row.stop ? to_string(*row.stop) : row.solved ? to_string(*row.solved) : "?";
  std::string line = figure + ": " + row.name + " " + status;
  if (row.lr) line += format_text(", lr %.0e", *row.lr);
  if (f.is_object()) {
    line += format_text(", train loss %.3e, relative error %.4f", at("train_loss"), at("relative_error"));
    if (has("psnr")) line += format_text(", PSNR %.2f dB", at("psnr"));
  }
  return line + format_text(" (%.1f s)", seconds);
}

nlohmann::json diagnostics_of(const Problem& problem, const fs::path& run_dir, const RunFiles& convex,
                              const Matrix& min_frobenius) {
  if (!fs::exists(run_dir / "X.npy")) return nullptr;  // diverged from the start: nothing to measure
  const RunFiles run = load_run(run_dir);
  const CsvTable trace = read_csv_table(run_dir / "trace.csv");
  const Matrix X = run.estimate->dense();
  Diagnosis d = diagnose(problem, X, convex.estimate->dense(), &trace);
  d.convex_source = std::string("runs/") + kConvexModel;
  nlohmann::json json = d.to_json();
  json["distance_to_min_frobenius"] = (X - min_frobenius).norm() / min_frobenius.norm();
  if (problem.basis) {
    const auto rate = excess_loss_rate(trace, convex.summary["final"]["train_loss"].get<double>());
    json["excess_loss_rate"] = rate ? rate->to_json() : nlohmann::json(nullptr);
  }
  return json;
}

}  // namespace

FigureRun run_figure(const FigureRecipe& recipe, const fs::path& dir, const fs::path& final_dir,
                     const ReproductionHooks& hooks) {
  const auto start = ReproductionClock::now();
  const CompareOptions options = recipe.compare_options();
  options.validate();

  hooks.log(recipe.name + ": generating the problem");
  const Problem problem = generate_problem(recipe.data);
  fs::create_directories(dir / "problem");
  save_problem(problem, dir / "problem");
  fs::create_directories(dir / "runs");
  const std::string problem_path = (fs::absolute(final_dir) / "problem").lexically_normal().string();

  FigureRun out;
  out.table.image = problem.is_image();
  for (const std::string& model : recipe.models) {
    hooks.log(start_line(recipe, model));
    const auto model_start = ReproductionClock::now();
    CompareOptions one = options;
    one.models = {model};
    const ComparisonRow row = run_comparison(problem, problem_path, one, dir / "runs", hooks.callbacks).rows.front();
    hooks.log(result_line(recipe.name, row, seconds_since(model_start)));
    out.table.rows.push_back(row);
    if (row.interrupted()) {
      out.interrupted = true;
      return out;
    }
  }
  out.table.write_csv(dir / "table.csv");
  out.table.write_markdown(dir / "table.md");

  const RunFiles convex = load_run(dir / "runs" / kConvexModel);
  const Matrix min_frobenius = min_frobenius_interpolant(*problem.train_operator, problem.train_y);
  FigureEvidence evidence;
  evidence.quick = recipe.quick;
  nlohmann::json runs = nlohmann::json::object();
  for (const ComparisonRow& row : out.table.rows) {
    evidence.summaries[row.name] = row.summary;
    if (row.name == kConvexModel) continue;
    evidence.iterations = recipe.jobs.at(row.name).train.iterations;
    runs[row.name] = diagnostics_of(problem, dir / "runs" / row.name, convex, min_frobenius);
    evidence.diagnostics[row.name] = runs[row.name];
  }
  write_json(dir / "diagnostics.json", {{"convex_run", std::string("runs/") + kConvexModel}, {"runs", runs}});

  out.claims = figure_claims(recipe.name, evidence);
  write_reproduction_record(dir, recipe.to_json(), out.claims, start);
  return out;
}

}  // namespace snnsense
