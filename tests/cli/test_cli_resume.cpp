// Exact resume: a run killed with SIGKILL at a known point (its k-th checkpoint, through
// SNNSENSE_TEST_KILL_AFTER_CHECKPOINT) and continued with `train --resume` writes the same bytes
// of params.npy and X.npy, and the same trace and summary apart from timings, as the run that was
// never stopped. Kill points: early, mid-epoch of minibatch SGD, with heavy-ball, Nesterov and
// Adam, during a step-size search and its final run, with held-out early stopping, just before a
// divergence, in the factored SNN with threads, and twice in one run. A checkpoint that is truncated, corrupted or of another
// version is refused in one line naming it.
#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "../io/temp_dir.hpp"
#include "cli_test_support.hpp"
#include "snnsense/io/json_file.hpp"

using namespace snnsense;
using snnsense::testing::CommandResult;
using snnsense::testing::expect_one_line_error;
using snnsense::testing::run_command;
using snnsense::testing::run_snnsense;
using snnsense::testing::slurp;
namespace fs = std::filesystem;

namespace {

std::vector<std::string> joined(std::vector<std::string> a, const std::vector<std::string>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

// trace.csv without its seconds column (the second), which is a timing.
std::string trace_without_seconds(const fs::path& file) {
  std::istringstream in(slurp(file));
  std::string kept;
  for (std::string line; std::getline(in, line);) {
    const auto first = line.find(','), second = line.find(',', first + 1);
    kept += line.substr(0, first) + line.substr(second) + "\n";
  }
  return kept;
}

// summary.json without its timings.
nlohmann::json summary_without_timings(const fs::path& run) {
  nlohmann::json summary = read_json(run / "summary.json");
  summary.erase("seconds");
  summary.erase("seconds_per_iteration");
  if (summary["step_size_search"].is_object())
    for (auto& candidate : summary["step_size_search"]["candidates"]) candidate.erase("seconds");
  return summary;
}

class ResumeCli : public ::testing::Test {
 protected:
  void SetUp() override {
    const CommandResult r = run_snnsense({"generate", "--n", "8", "--rank", "2", "--measurements", "40", "--test",
                                          "10", "--seed", "3", "--out", path("problem").string()});
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  fs::path path(const std::string& name) const { return dir_.path() / name; }

  std::vector<std::string> train_args(const std::string& out, const std::vector<std::string>& options) const {
    return joined({"train", "--problem", path("problem").string(), "--out", path(out).string(), "--seed", "5",
                   "--init", "random", "--trace-every", "3"},
                  options);
  }

  // Runs `options` once through and once killed after each of `kills` checkpoints in turn (each
  // resume is killed at its own next k-th checkpoint), then resumed to the end; the two runs'
  // files must agree.
  void expect_exact_resume(const std::vector<std::string>& options, const std::vector<int>& kills) {
    const CommandResult whole = run_snnsense(train_args("whole", options));
    ASSERT_TRUE(whole.exit_code == 0 || whole.exit_code == 3) << whole.err;
    ASSERT_FALSE(fs::exists(path("whole.checkpoint"))) << "a finished run leaves no checkpoint";

    const fs::path run = path("resumed");
    for (std::size_t i = 0; i < kills.size(); ++i) {
      std::vector<std::string> argv{"env", "SNNSENSE_TEST_KILL_AFTER_CHECKPOINT=" + std::to_string(kills[i]),
                                    SNNSENSE_CLI};
      argv = joined(argv, i == 0 ? train_args("resumed", options)
                                 : std::vector<std::string>{"train", "--resume", run.string()});
      const CommandResult killed = run_command(argv);
      // 137: the shell run_command goes through reports death by SIGKILL as 128 + 9.
    ASSERT_EQ(killed.exit_code, 137) << "expected SIGKILL at checkpoint " << kills[i] << ": " << killed.err;
      ASSERT_TRUE(fs::exists(path("resumed.checkpoint")));
      ASSERT_FALSE(fs::exists(run)) << "a killed run leaves no run directory";
    }
    const CommandResult resumed = run_snnsense({"train", "--resume", run.string()});
    ASSERT_EQ(resumed.exit_code, whole.exit_code) << resumed.err;
    EXPECT_FALSE(fs::exists(path("resumed.checkpoint")));
    // The killed runs' staging directories (and any temporary file) went with the resumed run.
    for (const auto& entry : fs::directory_iterator(dir_.path()))
      EXPECT_NE(entry.path().filename().string().rfind(".resumed.", 0), 0u) << entry.path() << " left behind";

    for (const char* file : {"params.npy", "X.npy"}) {
      ASSERT_TRUE(fs::exists(path("whole") / file)) << file;
      EXPECT_EQ(slurp(path("whole") / file), slurp(run / file)) << file << " differs after resuming";
    }
    EXPECT_EQ(slurp(path("whole") / "config.json"), slurp(run / "config.json"));
    EXPECT_EQ(trace_without_seconds(path("whole") / "trace.csv"), trace_without_seconds(run / "trace.csv"));
    EXPECT_EQ(slurp(path("whole") / "singular_values.csv"), slurp(run / "singular_values.csv"));
    EXPECT_EQ(summary_without_timings(path("whole")), summary_without_timings(run));
  }

  snnsense::testing::TempDir dir_;
};

}  // namespace

TEST_F(ResumeCli, GradientDescentKilledEarly) {
  expect_exact_resume({"--iters", "60", "--lr", "0.005", "--checkpoint-every", "4"}, {1});
}

TEST_F(ResumeCli, MinibatchSgdWithNesterovKilledMidEpoch) {
  // 40 measurements in batches of 7: an epoch is 5 batches and a remainder, so the checkpoint at
  // step 9 falls inside the second epoch's shuffled order.
  expect_exact_resume({"--iters", "80", "--lr", "0.002", "--batch-size", "7", "--momentum", "nesterov",
                       "--checkpoint-every", "9"},
                      {1});
}

TEST_F(ResumeCli, HeavyBallWithACosineSchedule) {
  expect_exact_resume({"--iters", "70", "--lr", "0.002", "--momentum", "heavy-ball", "--schedule", "cosine",
                       "--checkpoint-every", "10"},
                      {3});
}

TEST_F(ResumeCli, AdamKilledTwice) {
  expect_exact_resume({"--iters", "90", "--lr", "0.01", "--optimizer", "adam", "--batch-size", "16",
                       "--checkpoint-every", "8"},
                      {2, 3});
}

TEST_F(ResumeCli, DuringAStepSizeSearchAndItsFinalRun) {
  // Candidates of 12 steps, a checkpoint every 5: 0.05 diverges at step 3 (before any), 0.01 and
  // 0.005 write checkpoints 1-2 and 3-4, and the final run at the full budget 5 onwards.
  const std::vector<std::string> search{"--iters", "40", "--lr", "search", "--lr-grid", "0.05,0.01,0.005,0.002",
                                        "--search-probe", "12", "--search-successes", "2", "--checkpoint-every", "5"};
  for (const std::vector<int>& kills : {std::vector<int>{1}, std::vector<int>{3}, std::vector<int>{6, 2}}) {
    expect_exact_resume(search, kills);
    fs::remove_all(path("whole"));
    fs::remove_all(path("resumed"));
  }
}

TEST_F(ResumeCli, DuringASearchOnTheGridPlacedByCurvature) {
  // The default grid, placed from the loss curvature: 0.05 diverges at step 3, then 0.01, 0.005 and
  // 0.001 write checkpoints 1-2, 3-4 and 5-6, and the final run 7 onwards. The resumed search
  // takes its grid from the checkpoint rather than measuring the curvature again.
  const std::vector<std::string> search{"--iters", "30", "--lr", "search", "--search-probe", "10",
                                        "--checkpoint-every", "4"};
  for (const std::vector<int>& kills : {std::vector<int>{2}, std::vector<int>{5}, std::vector<int>{7, 1}}) {
    expect_exact_resume(search, kills);
    fs::remove_all(path("whole"));
    fs::remove_all(path("resumed"));
  }
}

TEST_F(ResumeCli, HeldOutEarlyStoppingKeepsItsBestIterate) {
  // The run stops at step 24 and reports step 12, the best held-out check, which the checkpoint
  // at step 15 has to carry.
  expect_exact_resume({"--iters", "200", "--lr", "0.005", "--early-stopping", "3", "--early-stopping-every", "4",
                       "--checkpoint-every", "5"},
                      {3});
  EXPECT_EQ(read_json(path("resumed") / "summary.json")["best_iteration"], 12);
}

TEST_F(ResumeCli, ADivergedContinuationReportsTheSameLastFiniteIterate) {
  // Diverges at step 3; the iterate reported is step 2's, which the checkpoint at step 2 holds.
  expect_exact_resume({"--iters", "80", "--lr", "0.02", "--batch-size", "7", "--momentum", "nesterov",
                       "--checkpoint-every", "1"},
                      {2});
  EXPECT_EQ(read_json(path("resumed") / "summary.json")["status"], "diverged");
}

TEST_F(ResumeCli, FactoredSnnWithWarmSvdsAndThreads) {
  expect_exact_resume({"--iters", "50", "--lr", "0.01", "--representation", "factored", "--rank", "2",
                       "--layers", "2,2", "--threads", "2", "--checkpoint-every", "7"},
                      {3});
}

TEST_F(ResumeCli, SigtermWritesACheckpointAndTheInterruptedRunIsReplaced) {
  const std::vector<std::string> options{"--iters", "60", "--lr", "0.005"};
  ASSERT_EQ(run_snnsense(train_args("whole", options)).exit_code, 0);
  // SIGTERM from a shell once the first checkpoint (step 5) exists: the run saves the iteration it
  // is in, writes its directory as interrupted and says how to go on.
  std::vector<std::string> argv{"sh", "-c",
                                "\"$@\" & pid=$!; while [ ! -e \"$0\" ]; do sleep 0.01; done; kill -TERM $pid; wait $pid",
                                path("resumed.checkpoint").string(), SNNSENSE_CLI};
  argv = joined(argv, train_args("resumed", joined(options, {"--checkpoint-every", "5"})));
  const CommandResult stopped = run_command(argv);
  EXPECT_EQ(stopped.exit_code, 143) << stopped.err;
  ASSERT_TRUE(fs::exists(path("resumed.checkpoint")));
  EXPECT_EQ(read_json(path("resumed") / "summary.json")["status"], "interrupted");
  EXPECT_NE(stopped.err.find("continue with: snnsense train --resume"), std::string::npos) << stopped.err;

  const CommandResult resumed = run_snnsense({"train", "--resume", path("resumed").string()});
  ASSERT_EQ(resumed.exit_code, 0) << resumed.err;
  EXPECT_EQ(slurp(path("whole") / "params.npy"), slurp(path("resumed") / "params.npy"));
  EXPECT_EQ(slurp(path("whole") / "X.npy"), slurp(path("resumed") / "X.npy"));
  EXPECT_EQ(read_json(path("resumed") / "summary.json")["status"], "max_iterations");
  EXPECT_FALSE(fs::exists(path("resumed.checkpoint")));
}

class BadCheckpointCli : public ResumeCli {
 protected:
  void SetUp() override {
    ResumeCli::SetUp();
    const CommandResult killed = run_command(
        joined({"env", "SNNSENSE_TEST_KILL_AFTER_CHECKPOINT=1", SNNSENSE_CLI},
               train_args("run", {"--iters", "30", "--lr", "0.005", "--checkpoint-every", "5"})));
    ASSERT_EQ(killed.exit_code, 137) << killed.err;
    bytes_ = slurp(checkpoint());
    ASSERT_GT(bytes_.size(), 64u);
  }
  fs::path checkpoint() const { return path("run.checkpoint"); }
  void write(const std::string& bytes) const { std::ofstream(checkpoint(), std::ios::binary) << bytes; }
  void expect_refused(const std::string& fault) const {
    const CommandResult r = run_snnsense({"train", "--resume", path("run").string()});
    expect_one_line_error(r, checkpoint().string() + ": " + fault);
    EXPECT_FALSE(fs::exists(path("run")));
  }
  std::string bytes_;
};

TEST_F(BadCheckpointCli, TruncatedIsRefused) {
  for (std::size_t size : {std::size_t{0}, std::size_t{5}, std::size_t{20}, bytes_.size() / 2, bytes_.size() - 1}) {
    write(bytes_.substr(0, size));
    expect_refused(size < 8 ? "not an snnsense checkpoint" : "truncated checkpoint");
  }
}

TEST_F(BadCheckpointCli, CorruptedIsRefused) {
  std::string altered = bytes_;
  altered[altered.size() / 2] = static_cast<char>(altered[altered.size() / 2] ^ 0x10);
  write(altered);
  expect_refused("corrupted checkpoint");
  write(bytes_ + "x");
  expect_refused("malformed checkpoint");
}

TEST_F(BadCheckpointCli, AnotherFormatVersionIsRefused) {
  std::string other = bytes_;
  other[8] = 2;  // the version follows the 8-byte magic
  write(other);
  expect_refused("checkpoint format version 2; this snnsense reads version 1");
}

TEST_F(BadCheckpointCli, ResumingItsOwnCheckpointWorksAndOtherOptionsAreRefused) {
  expect_one_line_error(run_snnsense({"train", "--resume", path("run").string(), "--lr", "0.1"}),
                        "--resume: the run goes on with the options it was started with; --lr cannot be given");
  expect_one_line_error(run_snnsense({"train", "--resume", path("nothing").string()}),
                        path("nothing.checkpoint").string() + ": no such checkpoint");
  // A fresh run to the same directory would silently drop the checkpoint: refused unless --force.
  expect_one_line_error(run_snnsense(train_args("run", {"--iters", "30", "--lr", "0.005"})),
                        checkpoint().string() + ": a checkpoint of an unfinished run");
  const CommandResult resumed = run_snnsense({"train", "--resume", path("run").string()});
  EXPECT_EQ(resumed.exit_code, 0) << resumed.err;
  EXPECT_FALSE(fs::exists(checkpoint()));
}

TEST_F(BadCheckpointCli, ForceStartsOverAndItsOwnCheckpointResumes) {
  const CommandResult fresh = run_command(
      joined({"env", "SNNSENSE_TEST_KILL_AFTER_CHECKPOINT=1", SNNSENSE_CLI},
             train_args("run", {"--iters", "30", "--lr", "0.01", "--checkpoint-every", "20", "--force"})));
  EXPECT_EQ(fresh.exit_code, 137) << fresh.err;
  // The new run's own checkpoint (step 20, another step size) replaced the old one, and resumes.
  EXPECT_NE(slurp(checkpoint()), bytes_);
  const CommandResult resumed = run_snnsense({"train", "--resume", path("run").string()});
  EXPECT_EQ(resumed.exit_code, 0) << resumed.err;
  EXPECT_EQ(read_json(path("run") / "config.json")["lr"], 0.01);
}
