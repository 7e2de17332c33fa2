#pragma once
// The pipeline of the reproductions that train models beside the convex reference (the figures
// and the init-scale study): each problem generated and saved in the reproduction's folder, every
// run made by the run set (sweep/run_set.hpp) into runs/<name>/ with one log line as it starts and
// one as it ends, each finished run kept in FINAL.partial (FinishedRuns) so that a rerun after a
// kill makes only the others, and each trained run measured against its problem's convex
// solution. The recipe, the tables and the claims are the caller's.
#include <deque>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "snnsense/experiments/analysis/diagnosis.hpp"
#include "snnsense/experiments/reproduction/finished_runs.hpp"
#include "snnsense/experiments/reproduction/method_run.hpp"
#include "snnsense/experiments/reproduction/reproduction_hooks.hpp"
#include "snnsense/problems/generate.hpp"

namespace snnsense {

// A trained run's X read back from its run directory, and its diagnosis against the convex run.
struct MeasuredRun {
  Matrix X;
  CsvTable trace;
  Diagnosis diagnosis;
};

class ReproductionRuns {
 public:
  // `dir` is the (staged) folder written into, `final_dir` where it will be moved (the runs record
  // their problem there); `name` begins every log line.
  ReproductionRuns(std::string name, std::filesystem::path dir, std::filesystem::path final_dir,
                   const ReproductionHooks& hooks);

  // Generates the problem and saves it as dir/<folder>/. The reference stays valid.
  const Problem& add_problem(const std::string& folder, const GenerateOptions& data);
  // A run on a problem of add_problem(), into runs/<name>/; `label` names the method in the log.
  void add_training(const std::string& name, const Problem& problem, const TrainingJob& job,
                    const std::string& label = "");
  void add_convex(const std::string& name, const Problem& problem, const SolveOptions& solve,
                  const std::string& label = "");

  // Makes, in the order added, the runs not kept by an earlier run of the same recipe (the problems,
  // `recipe` and the runs' options decide which runs are the same); false when a callback or the
  // interrupt stopped one (nothing more is done). InputError when FINAL.partial holds the runs of
  // another recipe and the hooks do not say force.
  bool run(const nlohmann::json& recipe);

  // The trained run `name` against the convex run `convex`; none when it has no X (it diverged
  // from the start).
  std::optional<MeasuredRun> measure(const std::string& name, const std::string& convex) const;

  // The reproduction's files are written: the kept runs are no longer needed.
  void finish();

  const std::filesystem::path& runs_dir() const { return runs_dir_; }

 private:
  MethodRun& add(const std::string& name, const Problem& problem, const std::string& label);
  const MethodRun& method(const std::string& name) const;

  std::string name_;
  std::filesystem::path dir_, final_dir_, runs_dir_;
  const ReproductionHooks& hooks_;
  std::deque<Problem> problems_;
  std::vector<std::string> problem_paths_;  // where each problem is recorded, in the same order
  std::vector<MethodRun> runs_;
  std::optional<FinishedRuns> finished_;
};

}  // namespace snnsense
