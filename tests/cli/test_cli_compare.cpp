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

// A compare killed after its second finished run keeps those runs in OUT.partial; the same compare
// run again takes them as they are, runs only the rest, and ends with the bytes of a compare that
// was never stopped.
TEST(CompareCli, ARerunAfterAKillRunsOnlyTheUnfinishedMethods) {
  snnsense::testing::TempDir dir;
  const fs::path problem = dir.path() / "p", out = dir.path() / "cmp", clean = dir.path() / "clean";
  ASSERT_EQ(run_snnsense({"generate", "--n", "8", "--rank", "2", "--measurements", "40", "--seed", "5", "--out",
                          problem.string()})
                .exit_code,
            0);
  const std::vector<std::string> compare{"compare", "--problem", problem.string(), "--models", "snn,lg,bm,nuclear",
                                         "--layers", "2,2", "--lr", "0.01", "--iters", "200"};
  auto with_out = [&compare](const fs::path& where, std::vector<std::string> extra = {}) {
    std::vector<std::string> args = compare;
    args.insert(args.end(), {"--out", where.string()});
    args.insert(args.end(), extra.begin(), extra.end());
    return args;
  };
  ASSERT_EQ(run_snnsense(with_out(clean)).exit_code, 0);

  std::vector<std::string> killed{"env", "SNNSENSE_TEST_KILL_AFTER_RUNS=2", SNNSENSE_CLI};
  for (const std::string& a : with_out(out)) killed.push_back(a);
  const CommandResult k = snnsense::testing::run_command(killed);
  EXPECT_NE(k.exit_code, 0);
  EXPECT_FALSE(fs::exists(out));
  const fs::path partial = dir.path() / "cmp.partial";
  ASSERT_TRUE(fs::exists(partial / "snn" / "summary.json"));
  ASSERT_TRUE(fs::exists(partial / "lg" / "summary.json"));
  EXPECT_FALSE(fs::exists(partial / "bm"));
  const std::string kept_summary = snnsense::testing::read_bytes(partial / "snn" / "summary.json");

  // Other options: the kept runs belong to another comparison, refused in one line.
  expect_one_line_error(run_snnsense({"compare", "--problem", problem.string(), "--models", "snn,lg,bm,nuclear",
                                      "--layers", "2,2", "--lr", "0.01", "--iters", "100", "--out", out.string()}),
                        "cmp.partial: finished runs of a comparison with another problem or other options");

  const CommandResult again = run_snnsense(with_out(out));
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_FALSE(fs::exists(partial));
  // The kept run was taken, not run again (its summary, timings included, is the kept one) ...
  EXPECT_EQ(snnsense::testing::read_bytes(out / "snn" / "summary.json"), kept_summary);
  // ... and every run ends as in the compare never stopped.
  for (const char* model : {"snn", "lg", "bm", "nuclear"})
    EXPECT_EQ(snnsense::testing::read_bytes(out / model / "X.npy"), snnsense::testing::read_bytes(clean / model / "X.npy"))
        << model;
  for (const char* model : {"snn", "lg", "bm"})
    EXPECT_EQ(snnsense::testing::read_bytes(out / model / "params.npy"),
              snnsense::testing::read_bytes(clean / model / "params.npy"))
        << model;
}

// OUT.partial that is not a folder of kept runs is the user's, whatever it holds: even --force
// leaves it alone (here it is the problem itself).
TEST(CompareCli, APartialFolderOfOtherDataIsNeverRemoved) {
  snnsense::testing::TempDir dir;
  const fs::path problem = dir.path() / "cmp.partial";
  ASSERT_EQ(run_snnsense({"generate", "--n", "6", "--rank", "2", "--out", problem.string()}).exit_code, 0);
  const CommandResult r = run_snnsense({"compare", "--problem", problem.string(), "--models", "lg", "--iters", "5",
                                        "--out", (dir.path() / "cmp").string(), "--force"});
  expect_one_line_error(r, "cmp.partial: exists and is not a folder of kept runs");
  EXPECT_TRUE(fs::exists(problem / "problem.json"));
  EXPECT_FALSE(fs::exists(dir.path() / "cmp"));
}
