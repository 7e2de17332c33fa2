#include "snnsense/experiments/reproduction/reproduction_runs.hpp"

#include <stdexcept>

#include "snnsense/experiments/reports/text_format.hpp"
#include "snnsense/experiments/reproduction/comparison.hpp"
#include "snnsense/experiments/sweep/run_set.hpp"
#include "snnsense/problems/problem_io.hpp"

namespace snnsense {

namespace fs = std::filesystem;

namespace {

std::string start_line(const std::string& name, const MethodRun& run) {
  if (run.solve)
    return name + ": solving the convex reference" + (run.label.empty() ? " " + run.name : ", " + run.label);
  const TrainingJob& job = *run.job;
  std::string line = name + ": training " + run.name + (run.label.empty() ? "" : " (" + run.label + ")") +
                     format_text(", %lld steps", static_cast<long long>(job.train.iterations));
  if (job.search_step_size) return line + format_text(", step-size search over %zu candidates", job.search.grid.size());
  return line + format_text(", lr %.0e", job.train.lr);
}

// What the run's summary.json says, in one line.
std::string result_line(const std::string& name, const ComparisonRow& row, bool kept) {
  const nlohmann::json& s = row.summary;
  const nlohmann::json& f = s.contains("final") ? s["final"] : nlohmann::json(nullptr);
  auto has = [&f](const char* key) { return f.is_object() && f.contains(key) && f[key].is_number(); };
  auto at = [&f, &has](const char* key) { return has(key) ? f[key].get<double>() : 0.0; };
  const std::string status = row.stop ? to_string(*row.stop) : row.solved ? to_string(*row.solved) : "?";
  std::string line = name + ": " + row.name + " " + status;
  if (row.stop) line += format_text(" after %lld steps", s.value("iterations", 0LL));
  if (row.lr) line += format_text(", lr %.0e", *row.lr);
  if (f.is_object()) {
    line += format_text(", train loss %.3e, relative error %.4f", at("train_loss"), at("relative_error"));
    if (has("psnr")) line += format_text(", PSNR %.2f dB", at("psnr"));
  }
  if (kept) return line + " (kept from an earlier run)";
  const double seconds = s.contains("seconds") && s["seconds"].is_number() ? s["seconds"].get<double>() : 0.0;
  return line + format_text(" (%.1f s)", seconds);
}

}  // namespace

ReproductionRuns::ReproductionRuns(std::string name, fs::path dir, fs::path final_dir, const ReproductionHooks& hooks)
    : name_(std::move(name)), dir_(std::move(dir)), final_dir_(std::move(final_dir)), runs_dir_(dir_ / "runs"),
      hooks_(hooks) {}

const Problem& ReproductionRuns::add_problem(const std::string& folder, const GenerateOptions& data) {
  hooks_.log(name_ + ": generating the problem" + (folder == "problem" ? "" : " " + folder));
  const Problem& problem = problems_.emplace_back(generate_problem(data));
  fs::create_directories(dir_ / folder);
  save_problem(problem, dir_ / folder);
  problem_paths_.push_back((fs::absolute(final_dir_) / folder).lexically_normal().string());
  return problem;
}

MethodRun& ReproductionRuns::add(const std::string& name, const Problem& problem, const std::string& label) {
  MethodRun& run = runs_.emplace_back();
  run.name = name;
  run.problem = &problem;
  run.label = label;
  for (std::size_t i = 0; i < problems_.size(); ++i)
    if (&problem == &problems_[i]) run.problem_path = problem_paths_[i];
  if (run.problem_path.empty()) throw std::logic_error("ReproductionRuns: " + name + "'s problem is not one of add_problem()");
  return run;
}

void ReproductionRuns::add_training(const std::string& name, const Problem& problem, const TrainingJob& job,
                                    const std::string& label) {
  add(name, problem, label).job = job;
}

void ReproductionRuns::add_convex(const std::string& name, const Problem& problem, const SolveOptions& solve,
                                  const std::string& label) {
  add(name, problem, label).solve = solve;
}

bool ReproductionRuns::run(const nlohmann::json& recipe) {
  nlohmann::json problems = nlohmann::json::array(), runs = nlohmann::json::array();
  for (const Problem& p : problems_) problems.push_back(problem_fingerprint(p));
  for (const MethodRun& r : runs_)
    runs.push_back({{"name", r.name}, {r.job ? "job" : "solve", r.job ? r.job->to_json() : r.solve->to_json()}});
  finished_.emplace(FinishedRuns::folder_for(final_dir_),
                    nlohmann::json{{"problems", problems}, {"recipe", recipe}, {"runs", runs}}, hooks_.force);
  finished_->on_kept = hooks_.on_kept;

  RunSetOptions set;
  set.interrupt = hooks_.interrupt;
  set.callbacks = hooks_.callbacks;
  set.finished = &*finished_;
  set.on_start = [this](const MethodRun& run) { hooks_.log(start_line(name_, run)); };
  set.on_finished = [this](const MethodRun& run, const MethodOutcome* outcome, int, int) {
    hooks_.log(result_line(name_, read_comparison_row(runs_dir_ / run.name), outcome == nullptr));
  };
  return !run_set(runs_, runs_dir_, set).interrupted;
}

const MethodRun& ReproductionRuns::method(const std::string& name) const {
  for (const MethodRun& r : runs_)
    if (r.name == name) return r;
  throw std::logic_error("ReproductionRuns: no run " + name);
}

std::optional<MeasuredRun> ReproductionRuns::measure(const std::string& name, const std::string& convex) const {
  const fs::path run_dir = runs_dir_ / name;
  if (!fs::exists(run_dir / "X.npy")) return std::nullopt;
  MeasuredRun m;
  m.X = load_run(run_dir).estimate->dense();
  m.trace = read_csv_table(run_dir / "trace.csv");
  m.diagnosis = diagnose(*method(name).problem, m.X, load_run(runs_dir_ / convex).estimate->dense(), &m.trace);
  m.diagnosis.convex_source = "runs/" + convex;
  return m;
}

void ReproductionRuns::finish() {
  if (finished_) finished_->remove();
}

}  // namespace snnsense
