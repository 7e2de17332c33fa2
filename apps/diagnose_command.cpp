// `snnsense diagnose RUN`: the paper's claims as numbers for one run (nuclear-norm gap to the
// convex optimum, KKT residual, basis invariance, exponential rate), printed and stored in
// RUN/diagnostics.json.
#include <filesystem>
#include <iostream>

#include "commands.hpp"
#include "snnsense/convex/solve.hpp"
#include "snnsense/core/error.hpp"
#include "snnsense/core/memory_estimate.hpp"
#include "snnsense/experiments/analysis/diagnosis.hpp"
#include "snnsense/io/json_file.hpp"
#include "snnsense/problems/problem_io.hpp"
#include "snnsense/problems/problem_memory.hpp"
#include "snnsense/training/run_files.hpp"

namespace snnsense::cli {

namespace {

struct DiagnoseCommand {
  std::string run, against, problem;
  double tail = 0.5;
  double max_memory_gb = 0.0;
};

std::string normalised(const std::string& path) {
  return std::filesystem::absolute(path).lexically_normal().string();
}

// The problem a run was made from, as recorded in its config.json.
std::string recorded_problem(const RunFiles& run, const std::string& dir) {
  if (!run.config.contains("problem") || !run.config["problem"].is_string())
    throw FileError((std::filesystem::path(dir) / "config.json").string() +
                    ": no 'problem' entry (pass --problem DIR)");
  return run.config["problem"].get<std::string>();
}

// The diagnosis is a dense analysis: X and the convex solution as matrices, their difference, the
// loss gradient of the KKT residual and the working copies of the singular value decompositions.
MemoryEstimate diagnosis_memory(const Problem& problem) {
  const double entries = static_cast<double>(problem.n1) * static_cast<double>(problem.n2);
  MemoryEstimate memory;
  memory.add_doubles("X and the convex solution", 2.0 * entries)
      .add_doubles("their difference and the loss gradient", 2.0 * entries)
      .add_doubles("singular value decompositions", 3.0 * entries);
  return memory;
}

int run(const DiagnoseCommand& c) {
  if (!(c.tail > 0.0 && c.tail <= 1.0)) throw InputError("--tail: must lie in (0, 1]");
  validate_max_memory(c.max_memory_gb);
  const RunFiles run = load_run(c.run);
  const std::string problem_path = c.problem.empty() ? recorded_problem(run, c.run) : normalised(c.problem);
  check_problem_memory(problem_path, c.max_memory_gb);
  const Problem problem = load_problem(problem_path);
  check_memory(diagnosis_memory(problem), c.max_memory_gb,
               "diagnosing a run of this " + std::to_string(problem.n1) + " x " + std::to_string(problem.n2) + " problem",
               "the diagnosis is dense: for a large completion run use predict and the run's summary instead");
  if (run.estimate->rows() != problem.n1 || run.estimate->cols() != problem.n2)
    throw InputError(c.run + ": X.npy is " + std::to_string(run.estimate->rows()) + " x " + std::to_string(run.estimate->cols()) +
                     ", the problem " + std::to_string(problem.n1) + " x " + std::to_string(problem.n2));

  Matrix x_convex;
  std::string source;
  if (!c.against.empty()) {
    const RunFiles convex = load_run(c.against);
    if (c.problem.empty() && normalised(recorded_problem(convex, c.against)) != normalised(problem_path))
      throw InputError("--against: " + c.against + " solved " + recorded_problem(convex, c.against) + ", but " + c.run +
                       " was trained on " + problem_path);
    const std::string status = convex.summary.value("status", "?");
    if (find_enum<SolveStatus>(status) != SolveStatus::optimal)
      std::cerr << "snnsense: warning: " << c.against << " did not reach optimality (status " << status << ")\n";
    x_convex = convex.estimate->dense();
    source = normalised(c.against);
  } else {
    SolveOptions options;
    options.max_memory_gb = c.max_memory_gb;
    const SolveResult solved = solve(problem, options);
    x_convex = solved.X;
    source = "computed here: " + solved.brief_report();
  }
  const std::filesystem::path trace_file = std::filesystem::path(c.run) / "trace.csv";
  std::optional<CsvTable> trace;
  if (std::filesystem::exists(trace_file)) trace = read_csv_table(trace_file);

  // The diagnosis (KKT residual, distance to the convex solution) is a dense analysis.
  Diagnosis diagnosis = diagnose(problem, run.estimate->dense(), x_convex, trace ? &*trace : nullptr, c.tail);
  diagnosis.convex_source = source;
  write_json(std::filesystem::path(c.run) / "diagnostics.json", diagnosis.to_json());
  std::cout << diagnosis.report() << "wrote " << (std::filesystem::path(c.run) / "diagnostics.json").string()
            << std::endl;
  return 0;
}

}  // namespace

void register_diagnose(CLI::App& app, Context& context) {
  auto c = std::make_shared<DiagnoseCommand>();
  CLI::App* cmd = app.add_subcommand(
      "diagnose", "Measure a run against the theory: nuclear-norm gap, KKT residual, invariance, exponential rate");
  cmd->add_option("run", c->run, "Run directory (from train, solve or compare)")->required();
  cmd->add_option("--against", c->against, "Convex run of the same problem (from solve); computed if omitted");
  cmd->add_option("--problem", c->problem, "Problem directory (default: the one recorded in the run's config.json)");
  cmd->add_option("--tail", c->tail, "Fraction of the trace (its end) used to fit the exponential rate")
      ->capture_default_str();
  cmd->add_option("--max-memory", c->max_memory_gb,
                  "GB the diagnosis may take (0: the machine's available memory); a larger estimate is refused "
                  "before the dense analysis starts")
      ->capture_default_str();
  cmd->callback([c, &context] { context.exit_code = run(*c); });
}

}  // namespace snnsense::cli
