// `snnsense reproduce fig1|fig2|fig3|init-scale|completion|all --out DIR [--quick]`: the paper's experiments
// from data to report, one folder per reproduction under DIR.
//
// Exit status: 0 when everything was written, also when the figures could not be drawn because
// Python or matplotlib is missing (one warning line names the package; tables, claims and the
// report are complete and say so); 3 when the plot script ran and failed (same files written);
// 2 for bad input; 130 after Ctrl-C, 143 after SIGTERM (the unfinished reproduction leaves nothing
// behind but its finished runs in DIR/<name>.partial, which the same command run again takes).
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <memory>
#include <set>

#include "commands.hpp"
#include "test_kill.hpp"
#include "snnsense/experiments/reports/report_data.hpp"
#include "snnsense/experiments/reproduction/reproduction.hpp"
#include "snnsense/io/file_error.hpp"
#include "snnsense/io/json_file.hpp"
#include "snnsense/io/staging_directory.hpp"
#include "snnsense/training/progress_line.hpp"
#include "snnsense/training/stop_rules.hpp"

namespace snnsense::cli {

namespace {

namespace fs = std::filesystem;

struct ReproduceCommand {
  std::string name, out;
  bool quick = false;
  bool force = false;
};

// DIR may not exist yet; a path that cannot become a writable directory is named in one line.
void prepare_output(const fs::path& out) {
  std::error_code ec;
  fs::create_directories(out, ec);
  if (ec) throw_file_error(out, "cannot create the output directory (" + ec.message() + ")");
  if (!fs::is_directory(out)) throw_file_error(out, "not a directory");
  if (::access(out.c_str(), W_OK | X_OK) != 0)
    throw_file_error(out, std::string("not writable (") + std::strerror(errno) + ")");
}

void print_claims(const std::string& name, const fs::path& dir, const std::vector<ClaimCheck>& claims) {
  std::size_t agree = 0;
  for (const ClaimCheck& c : claims) agree += c.agree ? 1 : 0;
  std::cout << name << ": " << agree << " of " << claims.size() << " claims reproduced; report "
            << (dir / "report.html").string() << "\n";
  for (const ClaimCheck& c : claims) std::cout << "  [" << (c.agree ? "yes" : "no ") << "] " << c.claim << "\n";
}

int run(const ReproduceCommand& c) {
  const std::vector<std::string> targets = reproduction_targets(c.name);
  const double progress_seconds = progress_seconds_from_environment();
  const fs::path out = c.out;
  prepare_output(out);
  const bool index = targets.size() > 1;
  if (index && !c.force && (fs::exists(out / "report.md") || fs::exists(out / "report.html")))
    throw InputError((out / "report.md").string() + ": already exists (use --force to replace it)");
  InterruptSignals signals;  // before the folders are claimed, so that a signal leaves none behind
  // Every folder is claimed before any work, so a name clash fails at once rather than after fig1.
  // `all` run again (after a kill) takes the reproductions that an earlier run finished with
  // this recipe: only a single reproduction's existing folder needs --force.
  std::vector<std::unique_ptr<StagingDirectory>> staging;
  for (const std::string& t : targets)
    staging.push_back(index && !c.force && reproduction_finished(t, out / t, c.quick)
                          ? nullptr
                          : std::make_unique<StagingDirectory>(out / t, c.force));

  InterruptStop interrupt(signals.flag());
  ProgressLine progress(stderr, progress_seconds);
  ReproductionOptions options;
  options.quick = c.quick;
  options.plot = plot_tool_from_environment(fs::path(SNNSENSE_SCRIPTS_DIR) / "snnsense_plot.py");
  options.hooks.log = [](const std::string& line) { std::cerr << line << std::endl; };
  options.hooks.callbacks = {&progress, &interrupt};
  options.hooks.interrupt = &signals.flag();
  options.hooks.force = c.force;
  options.hooks.on_kept = kill_after_runs_from_environment();

  int status = 0;
  std::set<std::string> warned;
  for (std::size_t i = 0; i < targets.size(); ++i) {
    if (!staging[i]) {
      std::cerr << targets[i] << ": kept, finished by an earlier run" << std::endl;
      print_claims(targets[i], out / targets[i], claims_from_json(read_json(out / targets[i] / "claims.json")));
      continue;
    }
    const ReproductionOutcome outcome = reproduce(targets[i], staging[i]->path(), out / targets[i], options);
    if (outcome.interrupted) {
      std::cerr << "snnsense: interrupted; " << (out / targets[i]).string() << " was not written\n";
      return signals.exit_code();
    }
    staging[i]->commit();
    print_claims(targets[i], out / targets[i], outcome.claims);
    if (outcome.plot.status != PlotStatus::drawn && warned.insert(outcome.plot.message).second)
      std::cerr << "snnsense: warning: figures not drawn: " << outcome.plot.message << "\n";
    if (outcome.plot.status == PlotStatus::failed) status = 3;
  }
  if (index) {
    index_report(out, targets).write(out);
    std::cout << "all: report " << (out / "report.html").string() << "\n";
  }
  std::cout << std::flush;
  return status;
}

}  // namespace

void register_reproduce(CLI::App& app, Context& context) {
  auto c = std::make_shared<ReproduceCommand>();
  CLI::App* cmd = app.add_subcommand(
      "reproduce",
      "Reproduce the paper's experiments: data, runs with step-size search, convex reference, diagnostics, "
      "figures and a report per reproduction. Figures need /usr/bin/python3 with matplotlib (Debian: "
      "python3-matplotlib; SNNSENSE_PYTHON names another interpreter); without it everything else is written and "
      "the exit status stays 0");
  cmd->add_option("name", c->name, reproduction_choices())->required();
  cmd->add_option("--out", c->out, "Directory to write DIR/<name>/ into (created if missing)")->required();
  cmd->add_flag("--quick", c->quick, "Cut the budgets (all in well under 2 minutes) keeping the qualitative result");
  cmd->add_flag("--force", c->force, "Replace existing reproduction folders");
  cmd->callback([c, &context] { context.exit_code = run(*c); });
}

}  // namespace snnsense::cli
