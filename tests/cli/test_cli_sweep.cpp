// `snnsense sweep`: every configuration of a grid run as `train` would run it, one table whose
// numbers are the runs' own, results independent of --jobs, and a killed sweep resumed.
#include <gtest/gtest.h>

#include <filesystem>

#include "../io/temp_dir.hpp"
#include "cli_test_support.hpp"
#include "snnsense/io/csv_table.hpp"
#include "snnsense/io/json_file.hpp"

using namespace snnsense;
using snnsense::testing::CommandResult;
using snnsense::testing::expect_one_line_error;
using snnsense::testing::read_bytes;
using snnsense::testing::run_snnsense;
using snnsense::testing::write_bytes;
namespace fs = std::filesystem;

namespace {

// Two problems, two init scales, two seeds: eight configurations of a few milliseconds each.
const char* kGrid = R"({"problem": ["p1", "p2"],
  "base": {"model": "snn", "layers": [2, 2], "iters": 120, "lr": "search", "search-probe": 20},
  "grid": {"seed": [0, 1], "init-scale": [1, 0.1]}})";

// The configurations in their documented order: problems as listed, keys alphabetical, last fastest.
const std::vector<std::string> kNames{"p1/init-scale=1+seed=0",   "p1/init-scale=1+seed=1",
                                      "p1/init-scale=0.1+seed=0", "p1/init-scale=0.1+seed=1",
                                      "p2/init-scale=1+seed=0",   "p2/init-scale=1+seed=1",
                                      "p2/init-scale=0.1+seed=0", "p2/init-scale=0.1+seed=1"};

class SweepCli : public ::testing::Test {
 protected:
  void SetUp() override {
    for (const char* p : {"p1", "p2"})
      ASSERT_EQ(run_snnsense({"generate", "--n", "6", "--rank", "2", "--measurements", "30", "--seed",
                              p[1] == '1' ? "1" : "2", "--out", (dir.path() / p).string()})
                    .exit_code,
                0);
    write_bytes(grid, kGrid);
  }
  CommandResult sweep(const fs::path& out, std::vector<std::string> extra = {}) {
    std::vector<std::string> args{"sweep", "--grid", grid.string(), "--out", out.string()};
    args.insert(args.end(), extra.begin(), extra.end());
    return run_snnsense(args);
  }

  snnsense::testing::TempDir dir;
  fs::path grid = dir.path() / "grid.json";
};

}  // namespace

TEST_F(SweepCli, TabulatesEveryConfigurationFromItsSummary) {
  const fs::path out = dir.path() / "s";
  const CommandResult r = sweep(out);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err_lines().size(), kNames.size()) << r.err;  // one progress line per configuration
  EXPECT_NE(r.out.find("ran 8, kept 0"), std::string::npos) << r.out;
  const CsvTable table = read_csv_table(out / "table.csv");
  EXPECT_EQ(table.text_column("configuration"), kNames);
  EXPECT_EQ(table.text_column("problem"), (std::vector<std::string>{"p1", "p1", "p1", "p1", "p2", "p2", "p2", "p2"}));
  EXPECT_EQ(table.column("seed"), (std::vector<double>{0, 1, 0, 1, 0, 1, 0, 1}));
  EXPECT_EQ(table.column("init-scale"), (std::vector<double>{1, 1, 0.1, 0.1, 1, 1, 0.1, 0.1}));
  for (std::size_t i = 0; i < kNames.size(); ++i) {
    const fs::path run = out / "runs" / kNames[i];
    const auto summary = read_json(run / "summary.json");
    const auto config = read_json(run / "config.json");
    // The run is the one `train` makes of these options.
    EXPECT_EQ(config["seed"], i % 2) << kNames[i];
    EXPECT_EQ(config["iters"], 120) << kNames[i];
    EXPECT_EQ(config["problem"], (dir.path() / (i < 4 ? "p1" : "p2")).string()) << kNames[i];
    EXPECT_EQ(table.text_column("status")[i], summary["status"].get<std::string>());
    EXPECT_EQ(table.column("iterations")[i], summary["iterations"].get<double>());
    const double lr = summary["lr"].get<double>(), error = summary["final"]["relative_error"].get<double>();
    EXPECT_NEAR(table.column("lr")[i], lr, 5e-4 * lr);  // the CSV prints 4 significant digits
    EXPECT_NEAR(table.column("relative_error")[i], error, 5e-4 * error);
  }
  // The init scale reaches the model: the two scales start from different parameters.
  EXPECT_NE(read_bytes(out / "runs" / kNames[0] / "X.npy"), read_bytes(out / "runs" / kNames[2] / "X.npy"));
  EXPECT_EQ(read_json(out / "sweep.json")["grid"]["seed"], nlohmann::json::array({0, 1}));
  EXPECT_TRUE(fs::exists(out / "table.md"));

  // The figure: one line per problem (seeds averaged) of the metric against the init scale.
  const CommandResult plot = snnsense::testing::run_command(
      {"/usr/bin/python3", SNNSENSE_SOURCE_DIR "/scripts/snnsense_plot.py", "sweep", out.string(), "--metric",
       "nuclear_norm", "--against", "init-scale"});
  ASSERT_EQ(plot.exit_code, 0) << plot.err;
  EXPECT_TRUE(fs::exists(out / "figures" / "sweep_nuclear_norm.png"));
  EXPECT_EQ(read_json(out / "figures" / "figures.json")["labels"], nlohmann::json::array({"problem=p1", "problem=p2"}));
  const CommandResult bad = snnsense::testing::run_command(
      {"/usr/bin/python3", SNNSENSE_SOURCE_DIR "/scripts/snnsense_plot.py", "sweep", out.string(), "--against", "lr"});
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_NE(bad.err.find("'lr' is not a grid key"), std::string::npos) << bad.err;
}

TEST_F(SweepCli, ParallelJobsGiveTheSameRuns) {
  const fs::path one = dir.path() / "one", two = dir.path() / "two";
  ASSERT_EQ(sweep(one, {"--jobs", "1"}).exit_code, 0);
  ASSERT_EQ(sweep(two, {"--jobs", "2"}).exit_code, 0);
  for (const std::string& name : kNames)
    for (const char* file : {"X.npy", "params.npy"})
      EXPECT_EQ(read_bytes(one / "runs" / name / file), read_bytes(two / "runs" / name / file)) << name << " " << file;
  const CsvTable a = read_csv_table(one / "table.csv"), b = read_csv_table(two / "table.csv");
  for (const char* column : {"train_loss", "test_loss", "relative_error", "nuclear_norm", "rank", "lr"})
    EXPECT_EQ(a.column(column), b.column(column)) << column;
}

TEST_F(SweepCli, KilledSweepRunsOnlyTheMissingConfigurations) {
  const fs::path out = dir.path() / "s", clean = dir.path() / "clean";
  ASSERT_EQ(sweep(clean).exit_code, 0);
  const CommandResult k = snnsense::testing::run_command(
      {"env", "SNNSENSE_TEST_KILL_AFTER_RUNS=3", SNNSENSE_CLI, "sweep", "--grid", grid.string(), "--out", out.string()});
  EXPECT_NE(k.exit_code, 0);
  std::vector<std::string> kept;
  for (std::size_t i = 0; i < kNames.size(); ++i) {
    // Run in order with one job: the first three are complete, no other run directory exists.
    EXPECT_EQ(fs::exists(out / "runs" / kNames[i]), i < 3) << kNames[i];
    if (i < 3) kept.push_back(read_bytes(out / "runs" / kNames[i] / "summary.json"));
  }
  const CommandResult again = sweep(out);
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(again.out.find("ran 5, kept 3"), std::string::npos) << again.out;
  EXPECT_EQ(again.err_lines().size(), 5u) << again.err;
  // The kept runs were not run again: their summaries, timings included, are the killed sweep's.
  for (std::size_t i = 0; i < 3; ++i) EXPECT_EQ(read_bytes(out / "runs" / kNames[i] / "summary.json"), kept[i]);
  for (const std::string& name : kNames)
    EXPECT_EQ(read_bytes(out / "runs" / name / "X.npy"), read_bytes(clean / "runs" / name / "X.npy")) << name;
  // A finished sweep run again runs nothing.
  const CommandResult third = sweep(out);
  ASSERT_EQ(third.exit_code, 0) << third.err;
  EXPECT_NE(third.out.find("ran 0, kept 8"), std::string::npos) << third.out;
}

TEST_F(SweepCli, AnotherGridInTheSameDirectoryNeedsForce) {
  const fs::path out = dir.path() / "s";
  ASSERT_EQ(sweep(out).exit_code, 0);
  write_bytes(grid, R"({"problem": "p1", "base": {"iters": 50}, "grid": {"seed": [3]}})");
  expect_one_line_error(sweep(out), "holds a sweep of another grid");
  EXPECT_TRUE(fs::exists(out / "runs" / kNames[0]));
  const CommandResult forced = sweep(out, {"--force"});
  ASSERT_EQ(forced.exit_code, 0) << forced.err;
  EXPECT_FALSE(fs::exists(out / "runs" / kNames[0]));
  EXPECT_TRUE(fs::exists(out / "runs" / "p1" / "seed=3" / "summary.json"));
}

TEST_F(SweepCli, BadGridsGetOneLineAndWriteNothing) {
  const fs::path out = dir.path() / "s";
  const std::vector<std::pair<std::string, std::string>> cases{
      {R"({"problem": "p1", "grid": {"seed": []}})", "grid.json: key 'seed': expected a non-empty list"},
      {R"({"problem": "p1", "grid": {"seeed": [1]}})", "grid.json: unknown key 'seeed'"},
      {R"({"problem": "p1", "base": {"checkpoint-every": 5}})", "grid.json: unknown key 'checkpoint-every'"},
      {R"({"problem": "p1", "grid": {"iters": ["many"]}})", "grid.json: key 'iters'"},
      {R"({"problem": "p1", "grid": {"iters": 5}})", "grid.json: key 'iters': expected a non-empty list"},
      {R"({"problem": "p1", "base": {"lr": {"a": 1}}})", "grid.json: key 'lr'"},
      {R"({"problem": "p1", "base": {"seed": 1}, "grid": {"seed": [2]}})", "grid.json: key 'seed' is in both"},
      {R"({"problem": "nowhere", "grid": {"seed": [1]}})", "grid.json: key 'problem': no directory"},
      {R"({"grid": {"seed": [1]}})", "grid.json: key 'problem' is missing"},
      {R"({"problem": "p1", "grids": {}})", "grid.json: unknown key 'grids'"},
      {R"({"problem": "p1", "grid": {"model": ["snn", "svm"]}})", "grid.json: p1/model=svm:"},
  };
  for (const auto& [text, fragment] : cases) {
    write_bytes(grid, text);
    expect_one_line_error(sweep(out), fragment);
    EXPECT_FALSE(fs::exists(out)) << text;
  }
  fs::remove(grid);
  expect_one_line_error(sweep(out), "grid.json");
  EXPECT_FALSE(fs::exists(out));
  expect_one_line_error(sweep(out, {"--jobs", "0"}), "--jobs");
}
