#include "snnsense/experiments/reproduction/figure_reproduction.hpp"

#include "snnsense/convex/min_frobenius_interpolant.hpp"
#include "snnsense/experiments/analysis/excess_loss_rate.hpp"
#include "snnsense/experiments/reproduction/convex_run.hpp"
#include "snnsense/experiments/reproduction/reproduction_record.hpp"
#include "snnsense/experiments/reproduction/reproduction_runs.hpp"
#include "snnsense/io/json_file.hpp"

namespace snnsense {

namespace fs = std::filesystem;

namespace {

nlohmann::json diagnostics_of(const ReproductionRuns& runs, const std::string& model, const Problem& problem,
                              const RunFiles& convex, const Matrix& min_frobenius) {
  const std::optional<MeasuredRun> measured = runs.measure(model, kConvexModel);
  if (!measured) return nullptr;  // diverged from the start: nothing to measure
  nlohmann::json json = measured->diagnosis.to_json();
  json["distance_to_min_frobenius"] = (measured->X - min_frobenius).norm() / min_frobenius.norm();
  if (problem.basis) {
    const auto rate = excess_loss_rate(measured->trace, convex.summary["final"]["train_loss"].get<double>());
    json["excess_loss_rate"] = rate ? rate->to_json() : nlohmann::json(nullptr);
  }
  return json;
}

}  // namespace

FigureRun run_figure(const FigureRecipe& recipe, const fs::path& dir, const fs::path& final_dir,
                     const ReproductionHooks& hooks) {
  const auto start = ReproductionClock::now();
  recipe.compare_options().validate();

  ReproductionRuns runs(recipe.name, dir, final_dir, hooks);
  const Problem& problem = runs.add_problem("problem", recipe.data);
  for (const std::string& model : recipe.models) {
    if (model == kConvexModel)
      runs.add_convex(model, problem, recipe.solve, recipe.labels.at(model));
    else
      runs.add_training(model, problem, recipe.jobs.at(model), recipe.labels.at(model));
  }
  FigureRun out;
  if (!runs.run(recipe.to_json())) {
    out.interrupted = true;
    return out;
  }
  out.table.image = problem.is_image();
  for (const std::string& model : recipe.models) out.table.rows.push_back(read_comparison_row(runs.runs_dir() / model));
  out.table.write_csv(dir / "table.csv");
  out.table.write_markdown(dir / "table.md");

  const RunFiles convex = load_run(runs.runs_dir() / kConvexModel);
  const Matrix min_frobenius = min_frobenius_interpolant(*problem.train_operator, problem.train_y);
  FigureEvidence evidence;
  evidence.quick = recipe.quick;
  nlohmann::json diagnostics = nlohmann::json::object();
  for (const ComparisonRow& row : out.table.rows) {
    evidence.summaries[row.name] = row.summary;
    if (row.name == kConvexModel) continue;
    evidence.iterations = recipe.jobs.at(row.name).train.iterations;
    diagnostics[row.name] = diagnostics_of(runs, row.name, problem, convex, min_frobenius);
    evidence.diagnostics[row.name] = diagnostics[row.name];
  }
  write_json(dir / "diagnostics.json", {{"convex_run", std::string("runs/") + kConvexModel}, {"runs", diagnostics}});

  out.claims = figure_claims(recipe.name, evidence);
  write_reproduction_record(dir, recipe.to_json(), out.claims, start);
  runs.finish();
  return out;
}

}  // namespace snnsense
