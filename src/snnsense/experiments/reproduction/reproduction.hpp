#pragma once
// `snnsense reproduce`: one of the paper's figures (or the init-scale or completion experiment)
// from data to report in one folder. The computation is in figure_reproduction /
// init_scale_experiment / completion_experiment (each run kept in <folder>.partial as it
// finishes, so that a rerun after a kill makes only the others), the
// figures are drawn by the plot tool from the files written, and the report is assembled from
// those files last, with or without figures.
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "snnsense/experiments/reports/paper_claims.hpp"
#include "snnsense/experiments/reports/plot_tool.hpp"
#include "snnsense/experiments/reproduction/reproduction_hooks.hpp"

namespace snnsense {

struct ReproductionOptions {
  bool quick = false;
  PlotTool plot;
  ReproductionHooks hooks;
};

struct ReproductionOutcome {
  std::vector<ClaimCheck> claims;
  PlotOutcome plot;          // whether the figures were drawn, and why not
  bool interrupted = false;  // a callback stopped a run: no figures, no report
};

// fig1, fig2, fig3, init-scale.
std::vector<std::string> reproduction_names();
// The names `snnsense reproduce` accepts, as messages list them: "fig1, fig2, fig3, init-scale or all".
std::string reproduction_choices();
// What `name` stands for: itself, or every reproduction for "all". InputError for other names.
std::vector<std::string> reproduction_targets(const std::string& name);

// The recipe of `name` as its reproduction.json records it (without the version and the time).
nlohmann::json reproduction_recipe(const std::string& name, bool quick);
// Whether `dir` holds the finished reproduction `name` of that recipe, as reproduce() leaves it.
bool reproduction_finished(const std::string& name, const std::filesystem::path& dir, bool quick);

// Runs the reproduction into the existing, empty directory `dir`, which the caller will move to
// `final_dir`; then draws the figures into dir/figures and writes dir/report.md and report.html.
ReproductionOutcome reproduce(const std::string& name, const std::filesystem::path& dir,
                              const std::filesystem::path& final_dir, const ReproductionOptions& options);

// Figures (1)-(4) for any run directories (from train, compare, solve or a reproduction), into `out`.
PlotOutcome plot_runs(const PlotTool& tool, const std::vector<std::filesystem::path>& runs,
                      const std::filesystem::path& out);

}  // namespace snnsense
