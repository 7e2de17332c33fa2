// `snnsense train` as a user runs it: the run directory, --config, bad input, divergence and Ctrl-C.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <thread>

#include "../io/temp_dir.hpp"
#include "cli_test_support.hpp"
#include "snnsense/io/json_file.hpp"
#include "snnsense/io/npy.hpp"

using namespace snnsense;
using snnsense::testing::CommandResult;
using snnsense::testing::expect_one_line_error;
using snnsense::testing::TempDir;
namespace fs = std::filesystem;

namespace {

class TrainCli : public ::testing::Test {
 protected:
  void SetUp() override {
    problem_ = dir_.path() / "problem";
    const CommandResult r = snnsense::testing::run_snnsense({"generate", "--problem", "synthetic", "--operator", "gaussian", "--n", "6", "--rank",
                                 "2", "--measurements", "24", "--test", "8", "--seed", "3", "--out", problem_.string()});
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  fs::path run_dir(const std::string& name) const { return dir_.path() / name; }
  CommandResult train(const std::string& name, std::vector<std::string> extra) const {
    std::vector<std::string> args{"train", "--problem", problem_.string(), "--out", run_dir(name).string()};
    args.insert(args.end(), extra.begin(), extra.end());
    return snnsense::testing::run_snnsense(args);
  }

  TempDir dir_;
  fs::path problem_;
};

}  // namespace

TEST_F(TrainCli, WritesACompleteRunDirectory) {
  const CommandResult r = train("run", {"--layers", "2,2", "--lr", "0.05", "--iters", "200", "--trace-every", "20"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  for (const char* f : {"config.json", "summary.json", "trace.csv", "singular_values.csv", "X.npy", "params.npy"})
    EXPECT_TRUE(fs::exists(run_dir("run") / f)) << f;
  EXPECT_FALSE(fs::exists(run_dir("run") / "X.png"));  // not an image problem
  const auto summary = read_json(run_dir("run") / "summary.json");
  EXPECT_EQ(summary["status"], "max_iterations");
  EXPECT_EQ(summary["iterations"], 200);
  EXPECT_GT(summary["seconds_per_iteration"].get<double>(), 0.0);
  EXPECT_LT(summary["final_loss"].get<double>(), summary["initial_loss"].get<double>());
  const auto config = read_json(run_dir("run") / "config.json");
  EXPECT_EQ(config["layers"], nlohmann::json({2, 2}));
  EXPECT_EQ(config["seed"], 0);
  EXPECT_EQ(config["version"], SNNSENSE_VERSION);
  EXPECT_EQ(npy::read_matrix(run_dir("run") / "X.npy").rows(), 6);
}

TEST_F(TrainCli, RepresentationChoosesTheFormAndKeepsTheResult) {
  // --rank 1 with d1 = 2 on a 6 x 6 problem: auto computes in factored form (2 * 1 < 6), and so the
  // run stores X as factors; dense gives the same run, stored as X.npy.
  const std::vector<std::string> common{"--layers", "2,2", "--rank", "1", "--init", "random", "--init-scale", "0.5",
                                        "--lr", "0.01", "--iters", "40"};
  auto with = [&common](std::vector<std::string> extra) {
    extra.insert(extra.begin(), common.begin(), common.end());
    return extra;
  };
  ASSERT_EQ(train("auto", with({})).exit_code, 0);
  ASSERT_EQ(train("dense", with({"--representation", "dense"})).exit_code, 0);
  ASSERT_EQ(train("factored", with({"--representation", "factored"})).exit_code, 0);
  EXPECT_TRUE(fs::exists(run_dir("auto") / "X_left.npy"));
  EXPECT_TRUE(fs::exists(run_dir("dense") / "X.npy"));
  EXPECT_FALSE(fs::exists(run_dir("dense") / "X_left.npy"));
  EXPECT_TRUE(fs::exists(run_dir("factored") / "X_right.npy"));
  // A small factored run keeps a dense copy for plotting: X.npy = X_left @ X_right.T.
  const Matrix left = npy::read_matrix(run_dir("auto") / "X_left.npy");
  const Matrix right = npy::read_matrix(run_dir("auto") / "X_right.npy");
  EXPECT_LE((npy::read_matrix(run_dir("auto") / "X.npy") - left * right.transpose()).norm(), 1e-14 * left.norm());
  EXPECT_EQ(read_json(run_dir("auto") / "config.json")["representation"], "auto");
  const double dense_loss = read_json(run_dir("dense") / "summary.json")["final_loss"].get<double>();
  for (const char* name : {"auto", "factored"}) {
    const auto summary = read_json(run_dir(name) / "summary.json");
    EXPECT_EQ(summary["status"], "max_iterations") << name;
    EXPECT_NEAR(summary["final_loss"].get<double>(), dense_loss, 1e-9 * dense_loss) << name;
  }
  // The paper's configuration (rank 0, i.e. r = n) stays dense under auto.
  ASSERT_EQ(train("paper", {"--layers", "2,2", "--iters", "5"}).exit_code, 0);
  EXPECT_TRUE(fs::exists(run_dir("paper") / "X.npy"));

  expect_one_line_error(train("bad", {"--representation", "sparse"}),
                        "--representation: unknown form 'sparse' (expected auto, dense or factored)");
  EXPECT_FALSE(fs::exists(run_dir("bad")));
}

TEST_F(TrainCli, SameSeedSameResult) {
  ASSERT_EQ(train("a", {"--init", "random", "--lr", "0.01", "--iters", "50", "--seed", "4"}).exit_code, 0);
  ASSERT_EQ(train("b", {"--init", "random", "--lr", "0.01", "--iters", "50", "--seed", "4"}).exit_code, 0);
  EXPECT_EQ(npy::read_matrix(run_dir("a") / "X.npy"), npy::read_matrix(run_dir("b") / "X.npy"));
}

// A factored SNN on completion shares the passes over the entries and the cores among its threads:
// the run's factors and parameters are the same bytes for any --threads.
TEST_F(TrainCli, ThreadsDoNotChangeAFactoredCompletionRun) {
  const fs::path problem = dir_.path() / "completion";
  ASSERT_EQ(snnsense::testing::run_snnsense({"generate", "--problem", "rectangular", "--operator", "completion", "--n",
                                             "3000", "--n2", "2500", "--rank", "4", "--measurements", "60000",
                                             "--test", "100", "--seed", "2", "--out", problem.string()})
                .exit_code,
            0);
  auto bytes = [](const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
  };
  for (const char* threads : {"1", "2", "3"}) {
    const CommandResult r = snnsense::testing::run_snnsense(
        {"train", "--problem", problem.string(), "--out", run_dir(threads).string(), "--layers", "4,4", "--rank", "4",
         "--init", "random", "--lr", "1e4", "--iters", "4", "--threads", threads});
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  for (const char* file : {"X_left.npy", "X_right.npy", "params.npy"}) {
    const std::string one = bytes(run_dir("1") / file);
    EXPECT_FALSE(one.empty()) << file;
    EXPECT_EQ(bytes(run_dir("2") / file), one) << file;
    EXPECT_EQ(bytes(run_dir("3") / file), one) << file;
  }
}

TEST_F(TrainCli, ConfigFileSuppliesOptionsAndFlagsOverrideIt) {
  const fs::path config = dir_.path() / "config.json";
  std::ofstream(config) << R"({"layers": [3, 2], "lr": 0.02, "iters": 40, "model": "snn"})";
  ASSERT_EQ(train("run", {"--config", config.string(), "--iters", "30"}).exit_code, 0);
  const auto resolved = read_json(run_dir("run") / "config.json");
  EXPECT_EQ(resolved["layers"], nlohmann::json({3, 2}));
  EXPECT_EQ(resolved["lr"], 0.02);
  EXPECT_EQ(resolved["iters"], 30);

  std::ofstream(config) << R"({"layerz": [3, 2]})";
  expect_one_line_error(train("bad", {"--config", config.string()}), "unknown key 'layerz'");
  EXPECT_FALSE(fs::exists(run_dir("bad")));
  std::ofstream(config, std::ios::trunc) << R"({"layers": [3, 2)";
  expect_one_line_error(train("bad", {"--config", config.string()}), "malformed JSON");
  EXPECT_FALSE(fs::exists(run_dir("bad")));
}

// A run's config.json is a config file: training from it alone (the problem it records, another
// --out) makes the same run, the step-size search included.
TEST_F(TrainCli, ARunsConfigJsonTrainsTheSameRunAgain) {
  const std::vector<std::vector<std::string>> runs{
      {"--layers", "3,2", "--init", "random", "--seed", "3", "--iters", "30", "--lr", "0.02"},
      {"--layers", "2", "--lr", "search", "--iters", "60", "--lr-grid", "1000,0.1,0.01", "--batch-size", "20"}};
  for (std::size_t i = 0; i < runs.size(); ++i) {
    const std::string name = "run" + std::to_string(i);
    ASSERT_EQ(train(name, runs[i]).exit_code, 0);
    const CommandResult again = snnsense::testing::run_snnsense(
        {"train", "--config", (run_dir(name) / "config.json").string(), "--out", run_dir(name + "-again").string()});
    ASSERT_EQ(again.exit_code, 0) << again.err;
    EXPECT_EQ(snnsense::testing::read_bytes(run_dir(name) / "params.npy"),
              snnsense::testing::read_bytes(run_dir(name + "-again") / "params.npy"))
        << name;
  }
  // A config.json whose minibatch seed is not its seed was not written by the CLI.
  auto edited = read_json(run_dir("run1") / "config.json");
  edited["minibatch-seed"] = 7;
  const fs::path config = dir_.path() / "edited.json";
  std::ofstream(config) << edited.dump();
  expect_one_line_error(train("bad", {"--config", config.string()}), "key 'minibatch-seed' must equal 'seed'");
}

TEST_F(TrainCli, StepSizeSearchReportsEveryCandidate) {
  const CommandResult r = train("run", {"--layers", "2", "--lr", "search", "--iters", "100", "--lr-grid", "1000,0.1,0.01"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto summary = read_json(run_dir("run") / "summary.json");
  const auto& candidates = summary["step_size_search"]["candidates"];
  ASSERT_EQ(candidates.size(), 3u);
  EXPECT_EQ(candidates[0]["status"], "diverged");
  EXPECT_EQ(summary["lr"], summary["step_size_search"]["best_lr"]);
}

TEST_F(TrainCli, BadInputGetsOneLineAndNoOutput) {
  const std::vector<std::pair<std::vector<std::string>, std::string>> cases = {
      {{"--model", "mlp"}, "unknown model 'mlp'"},
      {{"--activation", "relu"}, "unknown activation 'relu'"},
      {{"--activation", "sigmoid"}, "f(0) != 0"},
      {{"--init", "zeros"}, "unknown init 'zeros'"},
      {{"--schedule", "linear"}, "--schedule"},
      {{"--layers", "4,x"}, "--layers"},
      {{"--layers", "4,0"}, "--layers"},
      {{"--init", "spectral"}, "--init spectral"},
      {{"--lr", "0"}, "--lr"},
      {{"--lr", "-1"}, "--lr"},
      {{"--iters", "0"}, "--iters"},
      {{"--frobnicate"}, "frobnicate"},
  };
  for (const auto& [args, fragment] : cases) {
    SCOPED_TRACE(args.front() + " " + (args.size() > 1 ? args[1] : ""));
    expect_one_line_error(train("bad", args), fragment);
    EXPECT_FALSE(fs::exists(run_dir("bad")));
  }
  const CommandResult missing = snnsense::testing::run_snnsense({"train", "--problem", (dir_.path() / "nowhere").string(), "--out",
                                     run_dir("bad").string()});
  expect_one_line_error(missing, "nowhere");
  EXPECT_FALSE(fs::exists(run_dir("bad")));
}

TEST_F(TrainCli, ExistingRunNeedsForce) {
  ASSERT_EQ(train("run", {"--iters", "5"}).exit_code, 0);
  expect_one_line_error(train("run", {"--iters", "5"}), "already exists");
  EXPECT_EQ(train("run", {"--iters", "5", "--force"}).exit_code, 0);
}

TEST_F(TrainCli, DivergenceIsReportedNotCrashed) {
  const CommandResult r = train("run", {"--model", "lg", "--lr", "1000", "--iters", "100"});
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_NE(r.err.find("diverged"), std::string::npos);
  const auto summary = read_json(run_dir("run") / "summary.json");
  EXPECT_EQ(summary["status"], "diverged");
  EXPECT_TRUE(npy::read_matrix(run_dir("run") / "X.npy").allFinite());
}

TEST_F(TrainCli, CtrlCWritesWhatWasRecordedAndExits130) {
  const std::string out = run_dir("run").string();
  const pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    freopen("/dev/null", "w", stdout);
    execl(SNNSENSE_CLI, SNNSENSE_CLI, "train", "--problem", problem_.c_str(), "--out", out.c_str(), "--iters",
          "100000000", "--lr", "0.01", "--trace-every", "10", static_cast<char*>(nullptr));
    _exit(127);
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  kill(pid, SIGINT);
  int status = 0;
  waitpid(pid, &status, 0);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 130);
  const auto summary = read_json(run_dir("run") / "summary.json");
  EXPECT_EQ(summary["status"], "interrupted");
  EXPECT_GT(summary["iterations"].get<int>(), 0);
  EXPECT_TRUE(fs::exists(run_dir("run") / "trace.csv"));
  EXPECT_TRUE(fs::exists(run_dir("run") / "X.npy"));
}

// A noisy completion problem: the run reports the entries' RMSE and MAE, and early stopping on
// the held-out entries ends it once the test loss stops falling, keeping the best iterate.
TEST_F(TrainCli, CompletionReportsEntryErrorsAndStopsEarlyOnHeldOutEntries) {
  const fs::path problem = dir_.path() / "completion";
  ASSERT_EQ(snnsense::testing::run_snnsense({"generate", "--problem", "rectangular", "--operator", "completion", "--n",
                                             "24", "--n2", "18", "--rank", "2", "--fraction", "0.5", "--test", "80",
                                             "--noise", "0.5", "--seed", "4", "--out", problem.string()})
                .exit_code,
            0);
  auto train_on = [&](const std::string& name, std::vector<std::string> extra) {
    std::vector<std::string> args{"train",   "--problem", problem.string(), "--out", run_dir(name).string(),
                                  "--model", "bm",        "--lr",           "2",     "--iters",
                                  "20000"};
    args.insert(args.end(), extra.begin(), extra.end());
    return snnsense::testing::run_snnsense(args);
  };
  const CommandResult r = train_on("early", {"--early-stopping", "3", "--early-stopping-every", "10"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("entries: train RMSE"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("the best on the held-out measurements"), std::string::npos) << r.out;
  const auto summary = read_json(run_dir("early") / "summary.json");
  EXPECT_EQ(summary["status"], "test_loss_stalled");
  ASSERT_TRUE(summary["best_iteration"].is_number_integer());
  EXPECT_EQ(summary["iterations"].get<Index>(), summary["best_iteration"].get<Index>() + 30);
  const auto& final = summary["final"];
  EXPECT_GT(final["test_rmse"].get<double>(), 0.0);
  EXPECT_GT(final["test_mae"].get<double>(), 0.0);
  EXPECT_LE(final["test_mae"].get<double>(), final["test_rmse"].get<double>());
  EXPECT_NEAR(final["train_rmse"].get<double>(), std::sqrt(2.0 * final["train_loss"].get<double>()), 1e-12);
  const auto config = read_json(run_dir("early") / "config.json");
  EXPECT_EQ(config["early-stopping"], 3);
  EXPECT_EQ(config["early-stopping-every"], 10);
  std::ifstream trace(run_dir("early") / "trace.csv");
  std::string header;
  std::getline(trace, header);
  EXPECT_NE(header.find(",test_rmse,"), std::string::npos) << header;

  // The sensing problem of the fixture has no entries: no RMSE columns are filled.
  ASSERT_EQ(train("sensing", {"--layers", "2,2", "--lr", "0.05", "--iters", "20"}).exit_code, 0);
  EXPECT_TRUE(read_json(run_dir("sensing") / "summary.json")["final"]["test_rmse"].is_null());
}

TEST_F(TrainCli, EarlyStoppingNeedsHeldOutMeasurements) {
  const fs::path problem = dir_.path() / "no-test";
  ASSERT_EQ(snnsense::testing::run_snnsense({"generate", "--problem", "synthetic", "--operator", "gaussian", "--n", "6",
                                             "--rank", "2", "--measurements", "24", "--test", "0", "--out",
                                             problem.string()})
                .exit_code,
            0);
  const fs::path out = dir_.path() / "run";
  expect_one_line_error(snnsense::testing::run_snnsense({"train", "--problem", problem.string(), "--out", out.string(),
                                                         "--iters", "20", "--early-stopping", "3"}),
                        "--early-stopping: the problem has no held-out measurements");
  EXPECT_FALSE(fs::exists(out));
}
