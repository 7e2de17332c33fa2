// `snnsense compare`: several models and the convex reference on one problem with one budget;
// each run is kept, and one table is printed and written as CSV and Markdown.
#include <algorithm>
#include <filesystem>
#include <iostream>
#include <sstream>

#include "commands.hpp"
#include "integer_range.hpp"
#include "snnsense/experiments/reproduction/comparison.hpp"
#include "snnsense/io/output_overlap.hpp"
#include "snnsense/io/staging_directory.hpp"
#include "snnsense/linalg/blas.hpp"
#include "snnsense/problems/problem_io.hpp"
#include "snnsense/training/progress_line.hpp"
#include "snnsense/training/stop_rules.hpp"
#include "snnsense/problems/problem_memory.hpp"
#include "test_kill.hpp"
#include "training_flags.hpp"

namespace snnsense::cli {

namespace {

struct CompareCommand {
  std::string problem, out, models = "snn,lg,df,bm,nuclear";
  bool force = false;
  TrainingFlags flags;
  double tolerance = 1e-8;
  Index max_iterations = 50000;
};

int run(const CompareCommand& c) {
  InterruptSignals signals;  // from the start, so that a signal leaves no temporary directory behind
  const double progress_seconds = progress_seconds_from_environment();
  refuse_output_over_inputs({"--out", c.out}, {{"--problem", c.problem}});
  CompareOptions options;
  options.models.clear();
  std::stringstream in(c.models);
  for (std::string name; std::getline(in, name, ',');) options.models.push_back(name);
  options.job = [flags = c.flags](const std::string& model) { return training_job(flags, model); };
  options.solve.tolerance = c.tolerance;
  options.solve.max_iterations = c.max_iterations;
  options.solve.max_memory_gb = c.flags.train.max_memory_gb;
  options.solve.interrupt = &signals.flag();
  options.validate();

  blas::set_threads(1);  // as train does: --threads sizes the only pool, and results do not depend on the machine
  const std::string problem_path = std::filesystem::absolute(c.problem).lexically_normal().string();
  check_problem_memory(c.problem, c.flags.train.max_memory_gb);
  const Problem problem = load_problem(c.problem);
  StagingDirectory staging(c.out, c.force);
  // A killed compare keeps its finished runs in OUT.partial; the same compare run again takes them.
  FinishedRuns finished(FinishedRuns::folder_for(c.out), problem, options.to_json(), c.force);
  finished.on_kept = kill_after_runs_from_environment();
  InterruptStop interrupt(signals.flag());
  ProgressLine progress(stderr, progress_seconds);
  const ComparisonTable table =
      run_comparison(problem, problem_path, options, staging.path(), {&progress, &interrupt}, &signals.flag(), &finished);
  if (table.rows.empty()) {
    std::cerr << "snnsense: interrupted before any model ran; " << c.out << " was not written\n";
    return signals.exit_code();
  }
  table.write_csv(staging.path() / "table.csv");
  table.write_markdown(staging.path() / "table.md");
  staging.commit();
  if (!table.interrupted()) finished.remove();
  std::cout << table.markdown() << "wrote " << c.out << " (one run directory per model, table.csv, table.md)"
            << std::endl;
  if (!table.interrupted()) return 0;
  const auto stopped = std::find_if(table.rows.begin(), table.rows.end(),
                                    [](const ComparisonRow& row) { return row.interrupted(); });
  std::cerr << "snnsense: interrupted during " << (stopped != table.rows.end() ? *stopped : table.rows.back()).name;
  if (!table.not_run.empty()) {
    std::cerr << "; not run:";
    for (const std::string& name : table.not_run) std::cerr << " " << name;
  }
  std::cerr << "\n";
  return signals.exit_code();
}

}  // namespace

void register_compare(CLI::App& app, Context& context) {
  auto c = std::make_shared<CompareCommand>();
  CLI::App* cmd = app.add_subcommand("compare", "Run several models and the convex reference on one problem");
  cmd->add_option("--problem", c->problem, "Problem directory")->required();
  cmd->add_option("--out", c->out, "Directory to write (one run per model, table.csv, table.md)")->required();
  cmd->add_flag("--force", c->force, "Replace an existing directory");
  cmd->add_option("--models", c->models, "Comma-separated: snn, woa, lg, bm, bm-psd, df, nuclear (convex)")
      ->capture_default_str();
  add_training_flags(*cmd, c->flags, false);
  cmd->add_option("--tol", c->tolerance, "Convex solver: relative residuals to reach")->capture_default_str();
  cmd->add_option("--max-iters", c->max_iterations, "Convex solver: iteration cap")
      ->check(integer_range<Index>(0))
      ->capture_default_str();
  cmd->callback([c, &context] { context.exit_code = run(*c); });
}

}  // namespace snnsense::cli
