// `snnsense compare`: every run kept, and a table whose numbers are the runs' own.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>

#include "../io/temp_dir.hpp"
#include "cli_test_support.hpp"
#include "snnsense/io/csv_table.hpp"
#include "snnsense/io/json_file.hpp"

using namespace snnsense;
using snnsense::testing::CommandResult;
using snnsense::testing::expect_one_line_error;
using snnsense::testing::run_snnsense;
namespace fs = std::filesystem;

TEST(CompareCli, KeepsEveryRunAndTabulatesTheirSummaries) {
  snnsense::testing::TempDir dir;
  const fs::path problem = dir.path() / "p", out = dir.path() / "cmp";
  ASSERT_EQ(run_snnsense({"generate", "--n", "8", "--rank", "2", "--measurements", "40", "--seed", "5", "--out",
                          problem.string()})
                .exit_code,
            0);
  const CommandResult r = run_snnsense({"compare", "--problem", problem.string(), "--models", "snn,lg,df,bm,nuclear",
                                        "--layers", "2,2", "--lr", "search", "--iters", "300", "--search-probe", "50",
                                        "--out", out.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("| nuclear | optimal |"), std::string::npos) << r.out;
  const CsvTable table = read_csv_table(out / "table.csv");
  ASSERT_EQ(table.column("rank").size(), 5u);
  const std::vector<std::string> models{"snn", "lg", "df", "bm", "nuclear"};
  for (std::size_t i = 0; i < models.size(); ++i) {
    const auto summary = read_json(out / models[i] / "summary.json");
    EXPECT_TRUE(fs::exists(out / models[i] / "X.npy")) << models[i];
    // The CSV prints 4 significant digits of the run's own number.
    const double expected = summary["final"]["relative_error"].get<double>();
    EXPECT_NEAR(table.column("relative_error")[i], expected, 5e-4 * expected) << models[i];
  }
  EXPECT_TRUE(fs::exists(out / "table.md"));
  // Low-rank bias: the convex optimum is far closer to X* than LG's minimum-Frobenius interpolant.
  EXPECT_LT(table.column("relative_error")[4], 0.5 * table.column("relative_error")[1]);
}

TEST(CompareCli, BadInputGetsOneLine) {
  snnsense::testing::TempDir dir;
  const fs::path problem = dir.path() / "p", out = dir.path() / "cmp";
  ASSERT_EQ(run_snnsense({"generate", "--n", "6", "--rank", "2", "--out", problem.string()}).exit_code, 0);
  expect_one_line_error(
      run_snnsense({"compare", "--problem", problem.string(), "--models", "snn,svm", "--out", out.string()}),
      "unknown model 'svm'");
  expect_one_line_error(
      run_snnsense({"compare", "--problem", problem.string(), "--models", "lg,lg", "--out", out.string()}),
      "named twice");
  expect_one_line_error(run_snnsense({"compare", "--problem", problem.string(), "--models", "df", "--depth", "1",
                                      "--out", out.string()}),
                        "--depth");
  EXPECT_FALSE(fs::exists(out));
}

// On a completion problem the table carries the entries' errors; the values are the runs' own.
TEST(CompareCli, CompletionTableHasEntryErrors) {
  snnsense::testing::TempDir dir;
  const fs::path problem = dir.path() / "p", out = dir.path() / "cmp";
  ASSERT_EQ(run_snnsense({"generate", "--problem", "rectangular", "--operator", "completion", "--n", "10", "--n2", "8",
                          "--rank", "2", "--fraction", "0.5", "--test", "20", "--seed", "5", "--out",
                          problem.string()})
                .exit_code,
            0);
  const CommandResult r = run_snnsense({"compare", "--problem", problem.string(), "--models", "bm,lg", "--lr", "1",
                                        "--iters", "50", "--out", out.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const CsvTable table = read_csv_table(out / "table.csv");
  ASSERT_EQ(table.column("test_rmse").size(), 2u);
  const std::vector<std::string> models{"bm", "lg"};
  for (std::size_t i = 0; i < models.size(); ++i) {
    const double expected = read_json(out / models[i] / "summary.json")["final"]["test_rmse"].get<double>();
    EXPECT_NEAR(table.column("test_rmse")[i], expected, 5e-4 * expected) << models[i];
    EXPECT_GT(table.column("test_mae")[i], 0.0) << models[i];
  }
  EXPECT_NE(r.out.find("test_rmse"), std::string::npos) << r.out;
}
