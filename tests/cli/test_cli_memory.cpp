// Runs too large for the machine are refused before they allocate: one line naming the size and
// the way out, exit 2, nothing written; --max-memory lowers or raises the limit.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <string>

#include "../io/temp_dir.hpp"
#include "cli_test_support.hpp"

using namespace snnsense;
using snnsense::testing::CommandResult;
using snnsense::testing::expect_one_line_error;
using snnsense::testing::run_snnsense;
using snnsense::testing::TempDir;
namespace fs = std::filesystem;

namespace {

std::set<std::string> entries(const fs::path& dir) {
  std::set<std::string> names;
  for (const auto& entry : fs::directory_iterator(dir)) names.insert(entry.path().filename().string());
  return names;
}

// A 30000 x 30000 completion problem of 2000 entries: generated without any n1 x n2 array (its X*
// is kept as factors), and dense models or solvers on it need hundreds of GB.
fs::path large_completion_problem(const TempDir& tmp) {
  const fs::path problem = tmp / "large";
  const CommandResult r = run_snnsense({"generate", "--problem", "rectangular", "--operator", "completion", "--n",
                                        "30000", "--rank", "2", "--measurements", "2000", "--out", problem.string()});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return problem;
}

// Burer-Monteiro of rank 2 trained for two steps on `problem`, as tmp/run.
fs::path factored_run(const TempDir& tmp, const fs::path& problem) {
  const fs::path run = tmp / "run";
  const CommandResult trained =
      run_snnsense({"train", "--problem", problem.string(), "--model", "bm", "--representation", "factored", "--rank",
                    "2", "--iters", "2", "--out", run.string()});
  EXPECT_EQ(trained.exit_code, 0) << trained.err;
  return run;
}

fs::path small_problem(const TempDir& tmp) {
  const fs::path problem = tmp / "small";
  const CommandResult r = run_snnsense({"generate", "--n", "8", "--rank", "2", "--out", problem.string()});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return problem;
}

}  // namespace

TEST(CliMemory, ADenseSnnOnALargeCompletionProblemIsRefusedAtOnce) {
  TempDir tmp;
  const fs::path problem = large_completion_problem(tmp);
  const CommandResult r = run_snnsense({"train", "--problem", problem.string(), "--model", "snn", "--layers", "4,8,16",
                                        "--representation", "dense", "--out", (tmp / "run").string()});
  expect_one_line_error(r, "training snn on this 30000 x 30000 problem needs about ");
  EXPECT_NE(r.err.find("--representation factored --rank R"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("raise --max-memory GB"), std::string::npos) << r.err;
  EXPECT_EQ(entries(tmp.path()), std::set<std::string>{"large"});
  // The factored SNN of the same network fits.
  const CommandResult factored =
      run_snnsense({"train", "--problem", problem.string(), "--model", "snn", "--layers", "4,8,16", "--representation",
                    "factored", "--rank", "2", "--iters", "2", "--out", (tmp / "run").string()});
  EXPECT_EQ(factored.exit_code, 0) << factored.err;
}

TEST(CliMemory, AdmmOnALargeCompletionProblemIsRefusedWithSoftImputeAsTheWayOut) {
  TempDir tmp;
  const fs::path problem = large_completion_problem(tmp);
  const CommandResult r =
      run_snnsense({"solve", "--problem", problem.string(), "--method", "admm", "--out", (tmp / "solved").string()});
  expect_one_line_error(r, "--method admm on this 30000 x 30000 problem needs about ");
  EXPECT_NE(r.err.find("use --method soft-impute"), std::string::npos) << r.err;
  EXPECT_EQ(entries(tmp.path()), std::set<std::string>{"large"});
}

TEST(CliMemory, CompareRefusesBeforeItsFirstRun) {
  TempDir tmp;
  const fs::path problem = large_completion_problem(tmp);
  const CommandResult r = run_snnsense({"compare", "--problem", problem.string(), "--models", "bm,snn", "--rank", "2",
                                        "--representation", "dense", "--out", (tmp / "table").string()});
  expect_one_line_error(r, "needs about ");
  EXPECT_EQ(entries(tmp.path()), std::set<std::string>{"large"});
}

TEST(CliMemory, MaxMemoryRefusesASmallRunThatTheDefaultLetsPass) {
  TempDir tmp;
  const fs::path problem = small_problem(tmp);
  const std::string out = (tmp / "run").string();
  for (const char* command : {"train", "solve"}) {
    const CommandResult refused =
        run_snnsense({command, "--problem", problem.string(), "--max-memory", "1e-6", "--out", out});
    expect_one_line_error(refused, "more than the --max-memory limit of 1e-06 GB");
    EXPECT_EQ(entries(tmp.path()), std::set<std::string>{"small"}) << command;
  }
  const CommandResult trained = run_snnsense({"train", "--problem", problem.string(), "--iters", "20", "--out", out});
  EXPECT_EQ(trained.exit_code, 0) << trained.err;
  const CommandResult solved =
      run_snnsense({"solve", "--problem", problem.string(), "--out", (tmp / "solved").string()});
  EXPECT_EQ(solved.exit_code, 0) << solved.err;
}

TEST(CliMemory, MaxMemoryMustBeZeroOrPositive) {
  TempDir tmp;
  const fs::path problem = small_problem(tmp);
  const CommandResult r = run_snnsense(
      {"train", "--problem", problem.string(), "--max-memory", "-1", "--out", (tmp / "run").string()});
  expect_one_line_error(r, "--max-memory: must be a number of GB, or 0 for the machine's available memory");
}

TEST(CliMemory, TrainRefusesAProblemTooLargeToLoadNamingItsDirectory) {
  TempDir tmp;
  const fs::path problem = large_completion_problem(tmp);
  // The problem's files are a few hundred kB; 1e-5 GB is 10 kB.
  const CommandResult r = run_snnsense({"train", "--problem", problem.string(), "--representation", "factored",
                                        "--rank", "2", "--max-memory", "1e-5", "--out", (tmp / "run").string()});
  expect_one_line_error(r, "loading the problem " + problem.string() + " needs about ");
  EXPECT_NE(r.err.find("raise --max-memory GB"), std::string::npos) << r.err;
  EXPECT_EQ(entries(tmp.path()), std::set<std::string>{"large"});
}

TEST(CliMemory, DiagnoseRefusesItsDenseAnalysisOfALargeRunBeforeAllocatingIt) {
  TempDir tmp;
  const fs::path problem = large_completion_problem(tmp);
  const fs::path run = factored_run(tmp, problem);
  const std::set<std::string> before = entries(run);
  // X and the convex solution alone are 14.4 GB at 30000 x 30000: beyond a 10 GB limit whatever
  // the machine has.
  const CommandResult r = run_snnsense({"diagnose", run.string(), "--max-memory", "10"});
  expect_one_line_error(r, "diagnosing a run of this 30000 x 30000 problem needs about ");
  EXPECT_NE(r.err.find("use predict"), std::string::npos) << r.err;
  EXPECT_EQ(entries(run), before);  // no diagnostics.json
}

TEST(CliMemory, PredictRefusesAnEntriesFileTooLargeForTheLimit) {
  TempDir tmp;
  const fs::path problem = large_completion_problem(tmp);
  const fs::path run = factored_run(tmp, problem);
  // 200 000 lines: 14 MB to read them and hold their predictions, beyond a 5 MB limit that the
  // problem (under 1 MB) fits.
  const fs::path asked = tmp / "asked.csv";
  {
    std::ofstream out(asked);
    for (int k = 0; k < 200000; ++k) out << k % 30000 << ',' << (k * 7) % 30000 << '\n';
  }
  const fs::path out = tmp / "predictions.csv";
  const CommandResult r = run_snnsense(
      {"predict", run.string(), "--entries", asked.string(), "--max-memory", "0.005", "--out", out.string()});
  expect_one_line_error(r, "predicting the entries of " + asked.string() + " needs about ");
  EXPECT_FALSE(fs::exists(out));
  const CommandResult fits =
      run_snnsense({"predict", run.string(), "--entries", asked.string(), "--out", out.string()});
  EXPECT_EQ(fits.exit_code, 0) << fits.err;
  EXPECT_TRUE(fs::exists(out));
}
