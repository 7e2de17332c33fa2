// `snnsense solve`: the convex nuclear-norm reference for a problem, written as a run directory
// beside the trained models' so that `diagnose` and `compare` read it the same way.
#include <filesystem>
#include <iostream>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "commands.hpp"
#include "integer_range.hpp"
#include "snnsense/convex/solve_memory.hpp"
#include "snnsense/core/memory_estimate.hpp"
#include "snnsense/experiments/reproduction/convex_run.hpp"
#include "snnsense/io/output_overlap.hpp"
#include "snnsense/io/staging_directory.hpp"
#include "snnsense/problems/problem_io.hpp"
#include "snnsense/training/stop_rules.hpp"
#include "snnsense/problems/problem_memory.hpp"

namespace snnsense::cli {

namespace {

std::string number(double value) {
  std::ostringstream out;
  out << value;
  return out.str();
}

struct SolveCommand {
  std::string problem, out;
  bool force = false;
  std::string method = "auto";
  SolveOptions options;
  SoftImputeOptions soft_impute;
  // Options given on the command line: --tol and --max-iters pass to soft-impute only when given
  // (its defaults differ); the path options belong to soft-impute alone.
  bool tol_given = false, max_iters_given = false;
  std::string path_option_given;
};

void print_outcome(const RunFiles& files, const SolveResult& result, const std::string& out) {
  std::cout << result.brief_report() << "\n";
  const nlohmann::json& f = files.summary["final"];
  std::cout << "final: train loss " << f["train_loss"] << ", test loss " << f["test_loss"] << ", relative error "
            << f["relative_error"] << ", PSNR " << f["psnr"] << ", nuclear norm " << f["nuclear_norm"] << ", rank "
            << f["rank"] << "\n";
  std::cout << "wrote " << out << std::endl;
}

int run_soft_impute(SolveCommand& c, InterruptSignals& signals) {
  if (c.tol_given) c.soft_impute.tolerance = c.options.tolerance;
  if (c.max_iters_given) c.soft_impute.max_iterations = c.options.max_iterations;
  if (c.options.lambda) throw InputError("--lambda: soft-impute takes a path, --lambdas L,L,... (one value allowed)");
  if (c.options.max_memory_gb > 0.0) c.soft_impute.memory_limit_bytes = memory_limit_bytes(c.options.max_memory_gb);
  c.soft_impute.validate();
  check_problem_memory(c.problem, c.options.max_memory_gb);
  const Problem problem = load_problem(c.problem);
  check_soft_impute(problem, c.soft_impute);  // refuses other problems before anything is written
  StagingDirectory staging(c.out, c.force);

  c.soft_impute.interrupt = &signals.flag();
  c.soft_impute.on_lambda = [](const SoftImputePoint& point, std::size_t index, std::size_t count) {
    std::cerr << "snnsense: soft-impute " << point_line(point, index, count) << std::endl;
  };
  const SoftImputeResult result = solve_soft_impute(problem, c.soft_impute);
  RunFiles files = soft_impute_run_files(problem, c.soft_impute, result);
  files.config["problem"] = std::filesystem::absolute(c.problem).lexically_normal().string();
  files.save(staging.path(), problem);
  result.write_path_csv(staging.path() / "lambda_path.csv");
  staging.commit();

  std::cout << result.brief_report() << "\n";
  const nlohmann::json& f = files.summary["final"];
  std::cout << "best lambda " << result.best_point().lambda << ": train loss " << f["train_loss"] << ", test loss "
            << f["test_loss"] << ", relative error " << f["relative_error"] << ", nuclear norm " << f["nuclear_norm"]
            << ", rank " << f["rank"] << "\n";
  std::cout << "wrote " << c.out << std::endl;
  if (result.interrupted) {
    std::cerr << "snnsense: interrupted at lambda " << result.path.back().lambda << " (run written to " << c.out
              << ", status interrupted)\n";
    return signals.exit_code();
  }
  if (result.converged()) return 0;
  std::cerr << "snnsense: soft-impute left lambdas unconverged or at --max-rank (lambda_path.csv's converged and "
               "rank_capped; run written to "
            << c.out << "); raise --max-iters or --max-rank, or loosen --tol\n";
  return 3;
}

int run(SolveCommand& c) {
  InterruptSignals signals;  // from the start, so that a signal leaves no temporary directory behind
  refuse_output_over_inputs({"--out", c.out}, {{"--problem", c.problem}});
  // Bad options, and a method the problem does not admit, are reported before anything is written.
  c.options.method = solve_method_from_string(c.method);
  if (c.options.method == SolveMethod::soft_impute) return run_soft_impute(c, signals);
  if (!c.path_option_given.empty())
    throw InputError(c.path_option_given + ": only --method soft-impute solves a path of lambdas");
  c.options.validate();
  check_problem_memory(c.problem, c.options.max_memory_gb);
  const Problem problem = load_problem(c.problem);
  check_solve_memory(*problem.train_operator,
                     resolve_method(c.options.method, *problem.train_operator, problem.basis ? &*problem.basis : nullptr),
                     c.options);
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
                  "(the exact LP of well-specified problems), soft-impute (apg's problem along a path of lambdas, "
                  "for completion problems at scale) or auto (basis-pursuit where it applies, else admm)")
      ->capture_default_str();
  cmd->add_option("--lambda", c->options.lambda, "Weight of the nuclear norm for --method apg");
  cmd->add_option("--max-memory", c->options.max_memory_gb,
                  "GB the solve may take (0: the machine's available memory); a larger estimate is refused before "
                  "the method starts and before anything is written")
      ->capture_default_str();
  const SoftImputeOptions si;
  CLI::Option* tol = cmd->add_option("--tol", c->options.tolerance,
                                     "Relative primal and dual residuals to reach (soft-impute: relative change, "
                                     "default " + number(si.tolerance) + ")")
                         ->capture_default_str();
  CLI::Option* max_iters =
      cmd->add_option("--max-iters", c->options.max_iterations,
                      "Iterations (simplex pivots for basis-pursuit; soft-impute: per lambda, default " +
                          std::to_string(si.max_iterations) + ")")
          ->check(integer_range<Index>(0))
          ->capture_default_str();
  std::vector<CLI::Option*> path_options{
      cmd->add_option("--lambdas", c->soft_impute.lambdas,
                      "soft-impute: the lambdas, strictly decreasing (instead of the generated path)")
          ->delimiter(','),
      cmd->add_option("--path-length", c->soft_impute.path_length,
                      "soft-impute: lambdas from lambda_max = ||A*(y)||_2 down, geometrically")
          ->check(integer_range<Index>(0))
          ->capture_default_str(),
      cmd->add_option("--path-ratio", c->soft_impute.path_ratio, "soft-impute: the last lambda over the first")
          ->capture_default_str(),
      cmd->add_option("--lambda-max", c->soft_impute.lambda_max, "soft-impute: the first lambda of the path"),
      cmd->add_option("--max-rank", c->soft_impute.max_rank, "soft-impute: largest rank of the truncated SVDs")
          ->check(integer_range<Index>(0))
          ->capture_default_str(),
      cmd->add_option("--seed", c->soft_impute.seed, "soft-impute: seed of the Lanczos start vectors")
          ->check(integer_range<std::uint64_t>(0))
          ->capture_default_str()};
  cmd->callback([c, &context, tol, max_iters, path_options] {
    c->tol_given = tol->count() > 0;
    c->max_iters_given = max_iters->count() > 0;
    for (const CLI::Option* option : path_options)
      if (option->count() > 0 && c->path_option_given.empty()) c->path_option_given = option->get_name();
    context.exit_code = run(*c);
  });
}

}  // namespace snnsense::cli
