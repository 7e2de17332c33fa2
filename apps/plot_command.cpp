// `snnsense plot RUN... [--out DIR]`: the training figures (loss, nuclear norm, singular values,
// test error and effective rank) of any runs, for instance after `compare`. Drawing is its whole
// job, so a missing Python or matplotlib is an error here (one line naming the package, exit 2).
#include <filesystem>
#include <iostream>
#include <memory>

#include "commands.hpp"
#include "snnsense/experiments/reproduction/reproduction.hpp"
#include "snnsense/io/file_error.hpp"
#include "snnsense/io/json_file.hpp"
#include "snnsense/io/output_overlap.hpp"
#include "snnsense/io/staging_directory.hpp"

namespace snnsense::cli {

namespace {

namespace fs = std::filesystem;

struct PlotCommand {
  std::vector<std::string> runs;
  std::string out = "figures";
  bool force = false;
};

int run(const PlotCommand& c) {
  std::vector<fs::path> runs;
  for (const std::string& r : c.runs) {
    if (!fs::is_directory(r)) throw_file_error(r, "no such run directory");
    if (!fs::exists(fs::path(r) / "summary.json")) throw_file_error(r, "not a run directory (no summary.json)");
    runs.emplace_back(r);
  }
  std::vector<NamedPath> inputs;
  for (const std::string& r : c.runs) inputs.push_back({"RUN", r});
  refuse_output_over_inputs({"--out", c.out}, inputs);
  const fs::path out = c.out;
  // Drawn into a hidden sibling and renamed into place: an existing folder is replaced only with
  // --force, and a failed drawing leaves it as it was.
  StagingDirectory staging(out, c.force);

  const PlotOutcome outcome = plot_runs(
      plot_tool_from_environment(fs::path(SNNSENSE_SCRIPTS_DIR) / "snnsense_plot.py"), runs, staging.path());
  if (outcome.status != PlotStatus::drawn) throw Error("figures not drawn: " + outcome.message);
  const nlohmann::json manifest = read_json(staging.path() / "figures.json");
  staging.commit();
  std::cout << "wrote";
  for (const nlohmann::json& f : manifest["figures"])
    std::cout << " " << f["file"].get<std::string>() << " " << f["svg"].get<std::string>();
  std::cout << " in " << out.string() << std::endl;
  return 0;
}

}  // namespace

void register_plot(CLI::App& app, Context& context) {
  auto c = std::make_shared<PlotCommand>();
  CLI::App* cmd = app.add_subcommand(
      "plot",
      "Draw the training figures of run directories as PNG and SVG (needs /usr/bin/python3 with matplotlib, "
      "Debian: python3-matplotlib; SNNSENSE_PYTHON names another interpreter)");
  cmd->add_option("runs", c->runs, "Run directories (from train, compare, solve or reproduce)")->required();
  cmd->add_option("--out", c->out, "Folder for the figures (must not exist unless --force)")->capture_default_str();
  cmd->add_flag("--force", c->force, "Replace an existing figures folder");
  cmd->callback([c, &context] { context.exit_code = run(*c); });
}

}  // namespace snnsense::cli
