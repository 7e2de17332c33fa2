#include "snnsense/experiments/reproduction/comparison.hpp"

#include <algorithm>
#include <cstdio>
#include <set>

#include "snnsense/convex/solve_memory.hpp"
#include "snnsense/core/enum_names.hpp"
#include "snnsense/core/error.hpp"
#include "snnsense/experiments/reproduction/convex_run.hpp"
#include "snnsense/experiments/sweep/run_set.hpp"
#include "snnsense/io/atomic_file.hpp"
#include "snnsense/io/json_file.hpp"
#include "snnsense/training/training_memory.hpp"

namespace snnsense {

namespace {

std::string number(const nlohmann::json& value, const char* format = "%.4g") {
  if (!value.is_number()) return "";
  char text[64];
  std::snprintf(text, sizeof text, format, value.get<double>());
  return text;
}

}  // namespace

void CompareOptions::validate() const {
  if (models.empty()) throw InputError("--models: name at least one model");
  const std::vector<std::string> known = model_names();
  std::set<std::string> seen;
  for (const std::string& m : models) {
    if (m != kConvexModel && std::find(known.begin(), known.end(), m) == known.end()) {
      std::vector<std::string> names = known;
      names.push_back(kConvexModel);
      throw InputError("--models: unknown model '" + m + "' (expected " + one_of(names) + ")");
    }
    if (!seen.insert(m).second) throw InputError("--models: '" + m + "' is named twice");
  }
  for (const std::string& m : models) {
    if (m == kConvexModel) continue;
    job(m).validate();
  }
  solve.validate();
}

nlohmann::json CompareOptions::to_json() const {
  nlohmann::json jobs = nlohmann::json::object();
  for (const std::string& m : models)
    if (m != kConvexModel) jobs[m] = job(m).to_json();
  return {{"models", models}, {"jobs", jobs}, {"solve", solve.to_json()}};
}

bool ComparisonTable::interrupted() const {
  if (!not_run.empty()) return true;
  return std::any_of(rows.begin(), rows.end(),
                     [](const ComparisonRow& row) { return row.interrupted(); });
}

std::vector<std::string> ComparisonTable::header() const {
  std::vector<std::string> h{name_column};
  h.insert(h.end(), keys.begin(), keys.end());
  h.push_back("status");
  if (steps_and_lr) h.insert(h.end(), {"iterations", "lr"});
  h.insert(h.end(), {"train_loss", "test_loss", "relative_error", "nuclear_norm", "effective_rank", "rank"});
  if (completion) h.insert(h.end(), {"train_rmse", "test_rmse", "test_mae"});
  if (image) h.push_back("psnr");
  h.push_back("seconds");
  return h;
}

std::vector<std::string> ComparisonTable::cells(const ComparisonRow& row) const {
  const nlohmann::json& s = row.summary;
  const nlohmann::json f = s.contains("final") ? s["final"] : nlohmann::json(nullptr);
  auto field = [&f](const char* key) { return f.is_object() && f.contains(key) ? f[key] : nlohmann::json(nullptr); };
  std::vector<std::string> c{row.name};
  c.insert(c.end(), row.key_values.begin(), row.key_values.end());
  c.resize(1 + keys.size());  // a row without values for the keys gets empty cells
  c.push_back(s.value("status", ""));
  if (steps_and_lr) {
    c.push_back(number(s.contains("iterations") ? s["iterations"] : nlohmann::json(nullptr), "%.0f"));
    c.push_back(number(s.contains("lr") ? s["lr"] : nlohmann::json(nullptr)));
  }
  c.insert(c.end(), {number(field("train_loss")),
                             number(field("test_loss")),
                             number(field("relative_error")),
                             number(field("nuclear_norm")),
                             number(field("effective_rank"), "%.3f"),
                             number(field("rank"), "%.0f")});
  if (completion)
    for (const char* key : {"train_rmse", "test_rmse", "test_mae"}) c.push_back(number(field(key)));
  if (image) c.push_back(number(field("psnr"), "%.2f"));
  c.push_back(number(s.contains("seconds") ? s["seconds"] : nlohmann::json(nullptr), "%.3f"));
  return c;
}

void ComparisonTable::write_csv(const std::filesystem::path& file) const {
  write_file_atomically(file, [this](std::ostream& out) {
    auto line = [&out](const std::vector<std::string>& cells) {
      for (std::size_t i = 0; i < cells.size(); ++i) out << (i ? "," : "") << cells[i];
      out << "\n";
    };
    line(header());
    for (const auto& row : rows) line(cells(row));
  });
}

std::string ComparisonTable::markdown() const {
  std::string out;
  auto line = [&out](const std::vector<std::string>& cells) {
    out += "|";
    for (const auto& c : cells) out += " " + c + " |";
    out += "\n";
  };
  line(header());
  out += "|";
  for (std::size_t i = 0; i < header().size(); ++i) out += " --- |";
  out += "\n";
  for (const auto& row : rows) line(cells(row));
  if (!not_run.empty()) {
    out += "\nInterrupted; not run:";
    for (const std::string& name : not_run) out += " " + name;
    out += "\n";
  }
  return out;
}

void ComparisonTable::write_markdown(const std::filesystem::path& file) const {
  write_file_atomically(file, [this](std::ostream& out) { out << markdown(); });
}

ComparisonTable run_comparison(const Problem& problem, const std::string& problem_path, const CompareOptions& options,
                               const std::filesystem::path& dir, const std::vector<Callback*>& callbacks,
                               const std::atomic<bool>* interrupt, FinishedRuns* finished) {
  options.validate();
  ComparisonTable table;
  table.image = problem.is_image();
  table.completion = problem.operator_kind() == OperatorKind::completion;
  // Every run's memory before the first one starts: a model too large for the machine is refused
  // at once, not after the others have run.
  for (const std::string& name : options.models) {
    if (name == kConvexModel) {
      const SpectralBasis* basis = problem.basis ? &*problem.basis : nullptr;
      check_solve_memory(*problem.train_operator, resolve_method(options.solve.method, *problem.train_operator, basis),
                         options.solve);
    } else {
      const TrainingJob job = options.job(name);
      check_training_memory(problem, job, *make_model(job.model, problem.n1, problem.n2, job.settings, problem.basis));
    }
  }
  std::vector<MethodRun> methods;
  for (const std::string& name : options.models) {
    MethodRun& method = methods.emplace_back();
    method.name = name;
    method.problem = &problem;
    method.problem_path = problem_path;
    if (name == kConvexModel)
      method.solve = options.solve;
    else
      method.job = options.job(name);
  }
  RunSetOptions set;
  set.interrupt = interrupt;
  set.callbacks = callbacks;
  set.finished = finished;
  set.write_interrupted = true;
  run_set(methods, dir, set);
  // Every method with a run directory has a row; the others never started.
  for (const std::string& name : options.models) {
    if (std::filesystem::exists(dir / name / "summary.json"))
      table.rows.push_back(read_comparison_row(dir / name));
    else
      table.not_run.push_back(name);
  }
  return table;
}

ComparisonRow read_comparison_row(const std::filesystem::path& run_dir) {
  ComparisonRow row;
  row.name = run_dir.filename().string();
  row.summary = read_json(run_dir / "summary.json");
  // Typed where the file says something known; a run from elsewhere keeps its status as text.
  const std::string status = row.summary.value("status", "");
  row.stop = find_enum<StopReason>(status);
  row.solved = find_enum<SolveStatus>(status);
  if (row.stop && row.summary.contains("lr") && row.summary["lr"].is_number()) row.lr = row.summary["lr"].get<double>();
  return row;
}

ComparisonTable read_comparison(const std::vector<std::filesystem::path>& run_dirs, bool image) {
  ComparisonTable table;
  table.image = image;
  for (const auto& dir : run_dirs) {
    ComparisonRow row = read_comparison_row(dir);
    const nlohmann::json reported = row.summary.contains("final") ? row.summary["final"] : nlohmann::json(nullptr);
    if (reported.is_object() && reported.contains("train_rmse") && !reported["train_rmse"].is_null())
      table.completion = true;
    table.rows.push_back(std::move(row));
  }
  return table;
}

}  // namespace snnsense
