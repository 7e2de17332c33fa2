// Extreme but valid inputs train and solve, or fail cleanly: exit 0 with finite numbers written, or
// a non-zero exit with one line and no NaN anywhere in what was written. The cases are the ones
// docs/reliability.md lists: magnitudes 1e-300 and 1e300, all-zero data, one measurement, 1 x n
// matrices, rank equal to n, repeated completion entries, an image of one colour.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <string>
#include <vector>

#include "../io/temp_dir.hpp"
#include "cli_test_support.hpp"
#include "snnsense/io/image.hpp"
#include "snnsense/io/json_file.hpp"
#include "snnsense/io/npy.hpp"

using namespace snnsense;
using snnsense::testing::CommandResult;
using snnsense::testing::expect_one_line_error;
using snnsense::testing::run_snnsense;
using snnsense::testing::TempDir;
using snnsense::testing::write_bytes;
namespace fs = std::filesystem;

namespace {

// Every number in a JSON document is finite (null is how snnsense writes "none").
void expect_finite_json(const nlohmann::json& j, const std::string& where) {
  if (j.is_number()) {
    EXPECT_TRUE(std::isfinite(j.get<double>())) << where;
  } else if (j.is_structured()) {
    for (const auto& [key, value] : j.items()) expect_finite_json(value, where + "/" + key);
  }
}

// What a command left in `dir`: no NaN or infinity in X, the summary or the trace.
void expect_nothing_non_finite(const fs::path& dir) {
  if (!fs::exists(dir)) return;
  expect_finite_json(read_json(dir / "summary.json"), dir.string() + "/summary.json");
  if (fs::exists(dir / "X.npy")) {
    EXPECT_TRUE(npy::read_matrix(dir / "X.npy").allFinite()) << dir;
  }
  if (fs::exists(dir / "trace.csv")) {
    const std::string trace = snnsense::testing::read_bytes(dir / "trace.csv");
    for (const char* bad : {"nan", "inf"}) EXPECT_EQ(trace.find(bad), std::string::npos) << dir << " " << bad;
  }
}

// Trains every kind of model and solves the convex problem on `problem`; each ends with exit 0 or
// one line, and writes nothing that is not finite.
void train_and_solve(const fs::path& problem, const fs::path& out) {
  fs::create_directories(out);
  for (const char* model : {"snn", "bm", "lg"}) {
    const fs::path run = out / (std::string("run-") + model);
    const CommandResult r = run_snnsense({"train", "--problem", problem.string(), "--model", model, "--iters", "30",
                                          "--out", run.string()});
    if (r.exit_code != 0) {
      EXPECT_EQ(r.err_lines().size(), 1u) << model << ": " << r.err;
      EXPECT_NE(r.exit_code, 1) << model << ": " << r.err;  // 1 would be a crash's status, not a refusal
    }
    expect_nothing_non_finite(run);
  }
  const fs::path solved = out / "solve";
  const CommandResult s = run_snnsense({"solve", "--problem", problem.string(), "--out", solved.string()});
  if (s.exit_code != 0) {
    EXPECT_EQ(s.err_lines().size(), 1u) << s.err;
  }
  expect_nothing_non_finite(solved);
}

fs::path imported(const TempDir& dir, const std::string& name, const std::string& csv) {
  write_bytes(dir / (name + ".csv"), csv);
  const fs::path problem = dir / name;
  const CommandResult r =
      run_snnsense({"import", (dir / (name + ".csv")).string(), "--test-fraction", "0", "--out", problem.string()});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return problem;
}

}  // namespace

TEST(CliExtremeInputs, TinyAndZeroValuesTrainToFiniteResults) {
  TempDir dir;
  for (const auto& [name, csv] : std::vector<std::pair<std::string, std::string>>{
           {"tiny", "1,1,1e-300\n1,2,2e-300\n2,1,-1e-300\n2,2,3e-300\n3,1,1e-300\n3,3,5e-300\n"},
           {"zero", "1,1,0\n1,2,0\n2,1,0\n2,2,0\n3,3,0\n"}}) {
    SCOPED_TRACE(name);
    const fs::path problem = imported(dir, name, csv);
    train_and_solve(problem, dir / ("out-" + name));
    // These train: the loss is tiny or zero, never NaN.
    const auto summary = read_json(dir / ("out-" + name) / "run-snn" / "summary.json");
    EXPECT_EQ(summary["status"], "max_iterations");
    EXPECT_LE(summary["final"]["train_loss"].get<double>(), 1e-12);
  }
}

TEST(CliExtremeInputs, HugeValuesAreRefusedBeforeTrainingWithTheReason) {
  TempDir dir;
  const fs::path problem = imported(dir, "huge", "1,1,1e300\n1,2,2e300\n2,1,-1e300\n2,2,3e300\n3,1,1e300\n3,3,5e300\n");
  const CommandResult r =
      run_snnsense({"train", "--problem", problem.string(), "--iters", "5", "--out", (dir / "run").string()});
  EXPECT_EQ(r.exit_code, 2);
  expect_one_line_error(r, "the training measurements reach 5e+300: their squares overflow the loss");
  EXPECT_FALSE(fs::exists(dir / "run"));
  train_and_solve(problem, dir / "out");  // bm, lg and the convex solve end the same clean way
}

TEST(CliExtremeInputs, OneMeasurementAndOneRowTrain) {
  TempDir dir;
  train_and_solve(imported(dir, "one", "1,1,2.5\n"), dir / "out-one");
  train_and_solve(imported(dir, "row", "1,1,1\n1,2,2\n1,3,3\n1,4,4\n1,5,5\n1,7,1\n"), dir / "out-row");
  for (const char* name : {"out-one", "out-row"})
    for (const char* model : {"run-snn", "run-bm", "run-lg"})
      EXPECT_TRUE(fs::exists(dir / name / model / "X.npy")) << name << " " << model;
  // A 1 x n Gaussian problem and a column, generated.
  for (const char* shape : {"1,6", "6,1"}) {
    const std::string n = std::string(shape).substr(0, 1), n2 = std::string(shape).substr(2);
    const fs::path problem = dir / (std::string("gen-") + n + "x" + n2);
    const CommandResult g = run_snnsense({"generate", "--problem", "rectangular", "--n", n, "--n2", n2, "--rank", "1",
                                          "--measurements", "4", "--out", problem.string()});
    ASSERT_EQ(g.exit_code, 0) << g.err;
    train_and_solve(problem, dir / (std::string("out-") + n + "x" + n2));
  }
}

TEST(CliExtremeInputs, RankEqualToNAndAConstantImage) {
  TempDir dir;
  const CommandResult g = run_snnsense({"generate", "--problem", "synthetic", "--n", "6", "--rank", "6", "--out",
                                        (dir / "full-rank").string()});
  ASSERT_EQ(g.exit_code, 0) << g.err;
  train_and_solve(dir / "full-rank", dir / "out-full-rank");

  write_png(dir / "grey.png", Matrix::Constant(8, 8, 128.0));
  const CommandResult image = run_snnsense({"generate", "--problem", "image", "--image", (dir / "grey.png").string(),
                                            "--operator", "completion", "--out", (dir / "grey").string()});
  ASSERT_EQ(image.exit_code, 0) << image.err;
  train_and_solve(dir / "grey", dir / "out-grey");
  write_png(dir / "black.png", Matrix::Zero(8, 8));
  expect_one_line_error(run_snnsense({"generate", "--problem", "image", "--image", (dir / "black.png").string(),
                                      "--out", (dir / "black").string()}),
                        "entirely black");
}

TEST(CliExtremeInputs, RepeatedCompletionEntriesAreRefusedWithBothLines) {
  TempDir dir;
  write_bytes(dir / "twice.csv", "1,1,1\n2,2,2\n1,1,3\n");
  const CommandResult r = run_snnsense({"import", (dir / "twice.csv").string(), "--out", (dir / "p").string()});
  expect_one_line_error(r, ":3: entry (row 1, column 1) repeats line 1");
  EXPECT_FALSE(fs::exists(dir / "p"));
}
