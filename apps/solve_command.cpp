// `snnsense solve`: the convex nuclear-norm reference for a problem, written as a run directory
// beside the trained models' so that `diagnose` and `compare` read it the same way.
#include <filesystem>
#include <iostream>
#include <memory>
#include <optional>
#include <string>

#include "commands.hpp"
#include "integer_range.hpp"
#include "snnsense/experiments/reproduction/convex_run.hpp"
#include "snnsense/io/output_overlap.hpp"
#include "snnsense/io/staging_directory.hpp"
#include "snnsense/problems/problem_io.hpp"
#include "snnsense/training/stop_rules.hpp"

namespace snnsense::cli {

namespace {

struct SolveCommand {
  std::string problem, out;
  bool force = false;
  std::string method = "auto";
  SolveOptions options;
};

void print_outcome(const RunFiles& files, const SolveResult& result, const std::string& out) {
  std::cout << result.brief_report() << "\n";
  const nlohmann::json& f = files.summary["final"];
  std::cout << "final: train loss " << f["train_loss"] << ", test loss " << f["test_loss"] << ", relative error "
            << f["relative_error"] << ", PSNR " << f["psnr"] << ", nuclear norm " << f["nuclear_norm"] << ", rank "
            << f["rank"] << "\n";
  std::cout << "wrote " << out << std::endl;
}

int run(SolveCommand& c) {
  InterruptSignals signals;  // from the start, so that a signal leaves no temporary directory behind
  refuse_output_over_inputs({"--out", c.out}, {{"--problem", c.problem}});
  // Bad options, and a method the problem does not admit, are reported before anything is written.
  c.options.method = solve_method_from_string(c.method);
  c.options.validate();
  const Problem problem = load_problem(c.problem);
  resolve_method(c.options.method, *problem.train_operator, problem.basis ? &*problem.basis : nullptr);
  StagingDirectory staging(c.out, c.force);

  c.options.interrupt = &signals.flag();
  const SolveResult result = solve(problem, c.options);
  RunFiles files = convex_run_files(problem, c.options, result);
  files.config["problem"] = std::filesystem::absolute(c.problem).lexically_normal().string();
  files.save(staging.path(), problem);
  staging.commit();
  print_outcome(files, result, c.out);
  if (result.optimal()) return 0;
  if (result.status == SolveStatus::interrupted) {
    std::cerr << "snnsense: interrupted after " << result.iterations << " iterations (run written to " << c.out
              << ", status interrupted)\n";
    return signals.exit_code();
  }
  std::cerr << "snnsense: " << to_string(result.method) << " stopped at the iteration cap before reaching --tol "
            << c.options.tolerance << " (run written to " << c.out << "); raise --max-iters or loosen --tol\n";
  return 3;
}

}  // namespace

void register_solve(CLI::App& app, Context& context) {
  auto c = std::make_shared<SolveCommand>();
  CLI::App* cmd = app.add_subcommand("solve", "Solve the convex nuclear-norm problem and write a run directory");
  cmd->add_option("--problem", c->problem, "Problem directory (from 'snnsense generate' or your own)")->required();
  cmd->add_option("--out", c->out, "Run directory to write")->required();
  cmd->add_flag("--force", c->force, "Replace an existing run directory");
  cmd->add_option("--method", c->method,
                  "admm (min ||X||_* s.t. A(X) = P(y)), apg (1/2 ||A(X) - y||^2 + lambda ||X||_*), basis-pursuit "
                  "(the exact LP of well-specified problems) or auto (basis-pursuit where it applies, else admm)")
      ->capture_default_str();
  cmd->add_option("--lambda", c->options.lambda, "Weight of the nuclear norm for --method apg");
  cmd->add_option("--tol", c->options.tolerance, "Relative primal and dual residuals to reach")->capture_default_str();
  cmd->add_option("--max-iters", c->options.max_iterations, "Iterations (simplex pivots for basis-pursuit)")
      ->check(integer_range<Index>(0))
      ->capture_default_str();
  cmd->callback([c, &context] { context.exit_code = run(*c); });
}

}  // namespace snnsense::cli
