// `snnsense predict RUN --entries FILE --out FILE`: the run's estimate at the entries a CSV file
// asks for, written as row,col,prediction. The estimate answers entry by entry (Estimate::entries),
// so a factored run predicts without ever forming X.
#include <algorithm>
#include <charconv>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "commands.hpp"
#include "snnsense/core/error.hpp"
#include "snnsense/core/memory_estimate.hpp"
#include "snnsense/io/atomic_file.hpp"
#include "snnsense/io/output_overlap.hpp"
#include "snnsense/io/triplet_csv.hpp"
#include "snnsense/problems/problem_io.hpp"
#include "snnsense/problems/problem_memory.hpp"
#include "snnsense/problems/triplet_import.hpp"
#include "snnsense/training/run_files.hpp"

namespace snnsense::cli {

namespace {

struct PredictArguments {
  std::string run;
  std::string entries;
  std::string out;
  std::string problem;  // empty: the one the run's config.json records
  double max_memory_gb = 0.0;
};

// The shortest text that reads back as the same double.
std::string exact_text(double value) {
  char text[32];
  const auto [end, error] = std::to_chars(text, text + sizeof text, value);
  return std::string(text, end);
}

std::string problem_of(const PredictArguments& args, const RunFiles& run) {
  if (!args.problem.empty()) return args.problem;
  if (!run.config.contains("problem") || !run.config["problem"].is_string())
    throw FileError((std::filesystem::path(args.run) / "config.json").string() + ": no 'problem' entry (pass --problem DIR)");
  return run.config["problem"].get<std::string>();
}

// The lines of FILE, counted in one streaming pass: no more entries than that can be asked for.
double line_count(const std::string& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw FileError(file + ": cannot be opened");
  std::vector<char> block(std::size_t{1} << 20);
  double lines = 1.0;  // a last line without its newline
  while (in.read(block.data(), static_cast<std::streamsize>(block.size())) || in.gcount() > 0)
    lines += static_cast<double>(std::count(block.data(), block.data() + in.gcount(), '\n'));
  return lines;
}

// What predicting adds to the loaded run and problem: per entry asked for, its ids, line number and
// positions as read (the ids' vectors may hold twice their size while growing) and the prediction.
MemoryEstimate prediction_memory(const std::string& entries_file) {
  const double entries = line_count(entries_file);
  MemoryEstimate memory;
  memory.add_doubles("entries as read", 6.0 * entries).add_doubles("positions and predictions", 3.0 * entries);
  return memory;
}

void run(const PredictArguments& args) {
  validate_max_memory(args.max_memory_gb);
  refuse_output_over_inputs({"--out", args.out}, {{"RUN", args.run}, {"--entries", args.entries}});
  const RunFiles run = load_run(args.run);
  if (!run.estimate)
    throw FileError(args.run + ": holds no estimate (the run had no finite iterate), nothing to predict from");
  const std::string problem_dir = problem_of(args, run);
  // The problem is read too (given, or the one the run names): the output may not land in it.
  refuse_output_over_inputs({"--out", args.out}, {{"--problem", problem_dir}});
  check_problem_memory(problem_dir, args.max_memory_gb);
  const Problem problem = load_problem(problem_dir);
  const Estimate& X = *run.estimate;
  if (X.rows() != problem.n1 || X.cols() != problem.n2)
    throw InputError(args.run + ": the estimate is " + std::to_string(X.rows()) + " x " + std::to_string(X.cols()) +
                     " but the problem " + problem_dir + " is " + std::to_string(problem.n1) + " x " +
                     std::to_string(problem.n2));

  check_memory(prediction_memory(args.entries), args.max_memory_gb, "predicting the entries of " + args.entries,
               "split the file into parts and predict each");
  // Every id is checked before the output is claimed: a bad line leaves no file behind.
  const Triplets entries = read_entry_csv(args.entries);
  const EntryPositions at = entry_positions(entries, problem);
  const Vector predictions =
      X.entries({at.rows.data(), static_cast<std::size_t>(at.rows.size())}, {at.cols.data(), static_cast<std::size_t>(at.cols.size())});
  write_file_atomically(args.out, [&](std::ostream& out) {
    out << "row,col,prediction\n";
    for (std::size_t i = 0; i < entries.size(); ++i)
      out << entries.rows[i] << ',' << entries.cols[i] << ',' << exact_text(predictions(static_cast<Index>(i))) << '\n';
  });
  std::cout << "wrote " << args.out << ": " << entries.size() << " predictions of " << args.run << " ("
            << (X.factored_form() ? "factored" : "dense") << " estimate, " << X.rows() << " x " << X.cols() << ")\n";
}

}  // namespace

void register_predict(CLI::App& app, Context&) {
  auto args = std::make_shared<PredictArguments>();
  CLI::App* command = app.add_subcommand(
      "predict", "Write a run's estimate at the entries of a CSV file (row,col lines) as row,col,prediction");
  command->add_option("RUN", args->run, "run directory written by train or solve")->required();
  command
      ->add_option("--entries", args->entries,
                   "CSV of row,col lines (header optional), with the ids the problem was imported with: labels "
                   "mapped through its row_ids.npy/col_ids.npy, else positions (1-based if imported so, else 0-based)")
      ->required();
  command->add_option("--out", args->out, "output CSV (row,col,prediction), written whole or not at all")->required();
  command->add_option("--problem", args->problem, "the problem directory (default: the one RUN's config.json records)");
  command
      ->add_option("--max-memory", args->max_memory_gb,
                   "GB the problem and the entries may take (0: the machine's available memory); a larger estimate "
                   "is refused before they are read")
      ->capture_default_str();
  command->callback([args] { run(*args); });
}

}  // namespace snnsense::cli
