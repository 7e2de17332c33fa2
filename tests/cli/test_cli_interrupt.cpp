// SIGTERM (kill, timeout, SLURM) and Ctrl-C stop a command the same way: the current step finishes,
// what was recorded is written with status "interrupted", no temporary is left, and the exit
// status is 128 + the signal (143, 130). An interrupted `compare` starts nothing more; an
// interrupted `sweep` keeps only its finished configurations.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include "../io/temp_dir.hpp"
#include "cli_test_support.hpp"
#include "snnsense/io/csv_table.hpp"
#include "snnsense/io/json_file.hpp"

using namespace snnsense;
using snnsense::testing::CommandResult;
using snnsense::testing::run_snnsense;
namespace fs = std::filesystem;

namespace {

// Starts snnsense with `args` (stdout to /dev/null, stderr to `err`), lets it run for `after`,
// sends `signal_number`, and returns its exit status (-1 if it did not exit normally).
int run_and_signal(const std::vector<std::string>& args, int signal_number, const fs::path& err,
                   std::chrono::milliseconds after = std::chrono::milliseconds(1500)) {
  std::vector<const char*> argv{SNNSENSE_CLI};
  for (const std::string& a : args) argv.push_back(a.c_str());
  argv.push_back(nullptr);
  const pid_t pid = fork();
  if (pid < 0) return -2;
  if (pid == 0) {
    if (!freopen("/dev/null", "w", stdout) || !freopen(err.c_str(), "w", stderr)) _exit(126);
    execv(SNNSENSE_CLI, const_cast<char* const*>(argv.data()));
    _exit(127);
  }
  std::this_thread::sleep_for(after);
  kill(pid, signal_number);
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

std::vector<fs::path> hidden_entries(const fs::path& dir) {
  std::vector<fs::path> hidden;
  for (const auto& entry : fs::recursive_directory_iterator(dir))
    if (entry.path().filename().string()[0] == '.') hidden.push_back(entry.path());
  return hidden;
}

class InterruptCli : public ::testing::Test {
 protected:
  void SetUp() override {
    const CommandResult r = run_snnsense({"generate", "--n", "6", "--rank", "2", "--measurements", "24", "--test", "8",
                                          "--seed", "3", "--out", path("problem").string()});
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  fs::path path(const std::string& name) const { return dir_.path() / name; }
  snnsense::testing::TempDir dir_;
};

}  // namespace

TEST_F(InterruptCli, SigtermDuringTrainWritesTheRunAndExits143) {
  const int code = run_and_signal({"train", "--problem", path("problem").string(), "--out", path("run").string(),
                                   "--iters", "100000000", "--lr", "0.01", "--trace-every", "10"},
                                  SIGTERM, path("err.txt"));
  EXPECT_EQ(code, 143) << snnsense::testing::slurp(path("err.txt"));
  const auto summary = read_json(path("run") / "summary.json");
  EXPECT_EQ(summary["status"], "interrupted");
  EXPECT_GT(summary["iterations"].get<int>(), 0);
  EXPECT_TRUE(fs::exists(path("run") / "trace.csv"));
  EXPECT_TRUE(fs::exists(path("run") / "X.npy"));
  EXPECT_EQ(hidden_entries(dir_.path()), std::vector<fs::path>{});
}

TEST_F(InterruptCli, SigtermDuringAStepSizeSearchToo) {
  const int code = run_and_signal({"train", "--problem", path("problem").string(), "--out", path("run").string(),
                                   "--iters", "100000000", "--lr", "search", "--lr-grid", "0.01,0.001"},
                                  SIGTERM, path("err.txt"));
  EXPECT_EQ(code, 143) << snnsense::testing::slurp(path("err.txt"));
  const auto summary = read_json(path("run") / "summary.json");
  EXPECT_EQ(summary["status"], "interrupted");
  EXPECT_EQ(summary["lr"], 0.01);  // the candidate that was running
  EXPECT_EQ(hidden_entries(dir_.path()), std::vector<fs::path>{});
}

TEST_F(InterruptCli, CtrlCDuringCompareStopsTheWholeComparison) {
  const fs::path out = path("cmp");
  const int code = run_and_signal({"compare", "--problem", path("problem").string(), "--models", "snn,lg,nuclear",
                                   "--layers", "2,2", "--iters", "100000000", "--out", out.string()},
                                  SIGINT, path("err.txt"));
  const std::string err = snnsense::testing::slurp(path("err.txt"));
  EXPECT_EQ(code, 130) << err;
  // The interrupted model keeps its row, marked; the models after it never ran and have no row.
  const CsvTable table = read_csv_table(out / "table.csv");
  EXPECT_EQ(table.text_column("model"), std::vector<std::string>{"snn"});
  EXPECT_EQ(read_json(out / "snn" / "summary.json")["status"], "interrupted");
  EXPECT_FALSE(fs::exists(out / "lg"));
  EXPECT_FALSE(fs::exists(out / "nuclear"));
  const std::string markdown = snnsense::testing::slurp(out / "table.md");
  EXPECT_NE(markdown.find("| snn | interrupted |"), std::string::npos) << markdown;
  EXPECT_EQ(markdown.find("| lg |"), std::string::npos) << markdown;
  EXPECT_NE(markdown.find("Interrupted; not run: lg nuclear"), std::string::npos) << markdown;
  EXPECT_NE(err.find("interrupted during snn; not run: lg nuclear"), std::string::npos) << err;
  EXPECT_EQ(hidden_entries(dir_.path()), std::vector<fs::path>{});
}

TEST_F(InterruptCli, SigtermDuringCompareExits143) {
  const fs::path out = path("cmp");
  const int code = run_and_signal({"compare", "--problem", path("problem").string(), "--models", "lg,nuclear",
                                   "--iters", "100000000", "--out", out.string()},
                                  SIGTERM, path("err.txt"));
  EXPECT_EQ(code, 143) << snnsense::testing::slurp(path("err.txt"));
  EXPECT_EQ(read_json(out / "lg" / "summary.json")["status"], "interrupted");
  EXPECT_FALSE(fs::exists(out / "nuclear"));
  EXPECT_EQ(hidden_entries(dir_.path()), std::vector<fs::path>{});
}

TEST_F(InterruptCli, SigtermDuringSolveWritesTheLastIterateMarkedInterrupted) {
  const int code = run_and_signal({"solve", "--problem", path("problem").string(), "--method", "admm", "--tol",
                                   "1e-300", "--max-iters", "100000000", "--out", path("convex").string()},
                                  SIGTERM, path("err.txt"));
  EXPECT_EQ(code, 143) << snnsense::testing::slurp(path("err.txt"));
  const auto summary = read_json(path("convex") / "summary.json");
  EXPECT_EQ(summary["status"], "interrupted");
  EXPECT_EQ(hidden_entries(dir_.path()), std::vector<fs::path>{});
}

TEST_F(InterruptCli, CtrlCDuringTheConvexSolveOfCompareStartsNothingMore) {
  const fs::path out = path("cmp");
  const int code = run_and_signal({"compare", "--problem", path("problem").string(), "--models", "nuclear,lg", "--tol",
                                   "1e-300", "--max-iters", "100000000", "--out", out.string()},
                                  SIGINT, path("err.txt"));
  EXPECT_EQ(code, 130) << snnsense::testing::slurp(path("err.txt"));
  EXPECT_EQ(read_json(out / "nuclear" / "summary.json")["status"], "interrupted");
  EXPECT_FALSE(fs::exists(out / "lg"));
  EXPECT_EQ(read_csv_table(out / "table.csv").text_column("model"), std::vector<std::string>{"nuclear"});
  EXPECT_EQ(hidden_entries(dir_.path()), std::vector<fs::path>{});
}

TEST_F(InterruptCli, CtrlCDuringASweepKeepsNoUnfinishedRun) {
  const fs::path out = path("sweep"), grid = path("grid.json");
  snnsense::testing::write_bytes(
      grid, R"({"problem": "problem", "base": {"iters": 100000000, "lr": 0.01}, "grid": {"seed": [0, 1, 2]}})");
  const int code = run_and_signal({"sweep", "--grid", grid.string(), "--out", out.string(), "--jobs", "2"}, SIGINT,
                                  path("err.txt"));
  const std::string err = snnsense::testing::slurp(path("err.txt"));
  EXPECT_EQ(code, 130) << err;
  EXPECT_NE(err.find("interrupted; 0 of 3 configurations are finished"), std::string::npos) << err;
  // The interrupted runs are neither kept nor left half-written; the next sweep starts them anew.
  EXPECT_TRUE(fs::exists(out / "sweep.json"));
  EXPECT_TRUE(fs::is_empty(out / "runs"));
  EXPECT_FALSE(fs::exists(out / "table.csv"));
  EXPECT_EQ(hidden_entries(dir_.path()), std::vector<fs::path>{});
}
