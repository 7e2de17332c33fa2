#include "snnsense/experiments/reproduction/reproduction.hpp"

#include "snnsense/core/enum_names.hpp"
#include "snnsense/core/error.hpp"
#include "snnsense/experiments/reproduction/completion_experiment.hpp"
#include "snnsense/experiments/reproduction/figure_reproduction.hpp"
#include "snnsense/experiments/reproduction/init_scale_experiment.hpp"
#include "snnsense/experiments/reports/report_data.hpp"
#include "snnsense/io/file_error.hpp"
#include "snnsense/io/json_file.hpp"

namespace snnsense {

namespace fs = std::filesystem;

namespace {

constexpr const char* kInitScale = "init-scale";
constexpr const char* kCompletion = "completion";

std::string figures_note(const PlotOutcome& plot) {
  if (plot.status == PlotStatus::drawn) return "";
  return "Figures were not drawn: " + plot.message +
         ". The tables and claims above are complete; rerun with "
         "--force once the plotting tool works.";
}

}  // namespace

std::vector<std::string> reproduction_names() {
  std::vector<std::string> names = figure_names();
  names.push_back(kInitScale);
  names.push_back(kCompletion);
  return names;
}

std::string reproduction_choices() {
  std::vector<std::string> names = reproduction_names();
  names.push_back("all");
  return one_of(names);
}

std::vector<std::string> reproduction_targets(const std::string& name) {
  std::vector<std::string> names = reproduction_names();
  if (name == "all") return names;
  for (const std::string& n : names)
    if (n == name) return {name};
  throw InputError("unknown reproduction '" + name + "' (expected " + reproduction_choices() + ")");
}

nlohmann::json reproduction_recipe(const std::string& name, bool quick) {
  reproduction_targets(name);  // a single known name
  if (name == kInitScale) return InitScaleOptions::paper(quick).to_json();
  if (name == kCompletion) return CompletionExperimentOptions::fashion_mnist(quick).to_json();
  return figure_recipe(name, quick).to_json();
}

bool reproduction_finished(const std::string& name, const fs::path& dir, bool quick) {
  std::error_code ec;
  for (const char* file : {"reproduction.json", "claims.json", "report.md", "report.html"})
    if (!fs::is_regular_file(dir / file, ec)) return false;
  nlohmann::json recorded;
  try {
    recorded = read_json(dir / "reproduction.json");
  } catch (const FileError&) {
    return false;
  }
  if (!recorded.is_object()) return false;
  recorded.erase("version");
  recorded.erase("seconds");
  return recorded == reproduction_recipe(name, quick);
}

ReproductionOutcome reproduce(const std::string& name, const fs::path& dir, const fs::path& final_dir,
                              const ReproductionOptions& options) {
  reproduction_targets(name);  // a single known name
  ReproductionOutcome outcome;
  const bool init_scale = name == kInitScale, completion = name == kCompletion;
  if (init_scale) {
    const InitScaleResult result =
        run_init_scale(InitScaleOptions::paper(options.quick), dir, final_dir, options.hooks);
    outcome.claims = result.claims;
    outcome.interrupted = result.interrupted;
  } else if (completion) {
    const CompletionExperimentResult result = run_completion_experiment(
        CompletionExperimentOptions::fashion_mnist(options.quick), dir, final_dir, options.hooks);
    outcome.claims = result.claims;
    outcome.interrupted = result.interrupted;
  } else {
    const FigureRun result = run_figure(figure_recipe(name, options.quick), dir, final_dir, options.hooks);
    outcome.claims = result.claims;
    outcome.interrupted = result.interrupted;
  }
  if (outcome.interrupted) return outcome;

  options.hooks.log(name + ": drawing the figures");
  // The plot tool's command for each kind of reproduction folder.
  outcome.plot = run_plot_tool(options.plot, {init_scale   ? "init-scale"
                                              : completion ? "completion"
                                                           : "reproduction",
                                              dir.string()});
  const std::string note = figures_note(outcome.plot);
  const ReportDocument report = init_scale   ? init_scale_report(dir, note)
                                : completion ? completion_report(dir, note)
                                             : figure_report(dir, note);
  report.write(dir);
  return outcome;
}

PlotOutcome plot_runs(const PlotTool& tool, const std::vector<fs::path>& runs, const fs::path& out) {
  std::vector<std::string> args{"runs"};
  for (const fs::path& run : runs) args.push_back(run.string());
  args.push_back("--out");
  args.push_back(out.string());
  return run_plot_tool(tool, args);
}

}  // namespace snnsense
