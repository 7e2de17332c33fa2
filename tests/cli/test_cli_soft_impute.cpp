// `snnsense solve --method soft-impute` on a generated completion problem, as a user runs it.
#include <gtest/gtest.h>

#include <filesystem>

#include "../io/temp_dir.hpp"
#include "cli_test_support.hpp"
#include "snnsense/io/csv_table.hpp"
#include "snnsense/io/json_file.hpp"
#include "snnsense/io/npy.hpp"

using namespace snnsense;
using snnsense::testing::CommandResult;
using snnsense::testing::expect_one_line_error;
using snnsense::testing::run_snnsense;
namespace fs = std::filesystem;

namespace {

class SoftImputeCli : public ::testing::Test {
 protected:
  void SetUp() override {
    const CommandResult r = run_snnsense({"generate", "--problem", "rectangular", "--operator", "completion", "--n",
                                          "40", "--n2", "30", "--rank", "2", "--fraction", "0.5", "--noise", "0",
                                          "--seed", "3", "--out", path("p").string()});
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  fs::path path(const std::string& name) const { return dir_.path() / name; }
  snnsense::testing::TempDir dir_;
};

}  // namespace

TEST_F(SoftImputeCli, WritesThePathTheFactorsAndTheSummary) {
  const CommandResult r = run_snnsense({"solve", "--problem", path("p").string(), "--method", "soft-impute",
                                        "--path-length", "12", "--path-ratio", "1e-4", "--out", path("si").string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("soft-impute: 12 lambdas"), std::string::npos) << r.out;
  // Progress: one line per lambda on stderr, the last one "(12/12)".
  EXPECT_NE(r.err.find("snnsense: soft-impute lambda "), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("(12/12): rank "), std::string::npos) << r.err;
  const CsvTable path_table = read_csv_table(path("si") / "lambda_path.csv");
  const std::vector<double> lambdas = path_table.column("lambda");
  ASSERT_EQ(lambdas.size(), 12u);
  for (std::size_t j = 1; j < lambdas.size(); ++j) EXPECT_LT(lambdas[j], lambdas[j - 1]);
  EXPECT_NEAR(lambdas.back() / lambdas.front(), 1e-4, 1e-12);
  const std::vector<double> test_rmse = path_table.column("test_rmse");
  const auto summary = read_json(path("si") / "summary.json");
  EXPECT_EQ(summary["status"], "converged");
  const auto best = summary["best_index"].get<std::size_t>();
  for (double v : test_rmse) EXPECT_GE(v, test_rmse[best]);
  EXPECT_EQ(summary["path"][0]["rank"], 0);  // X = 0 at lambda_max
  EXPECT_EQ(summary["final"]["rank"], 2);     // the numerical rank of the best X
  EXPECT_LT(summary["final"]["relative_error"].get<double>(), 1e-2);
  EXPECT_EQ(read_json(path("si") / "config.json")["path-length"], 12);
  // The factors and, for a problem this small, the matrix they make.
  const Matrix left = npy::read_matrix(path("si") / "X_left.npy");
  const Matrix right = npy::read_matrix(path("si") / "X_right.npy");
  const Matrix X = npy::read_matrix(path("si") / "X.npy");
  ASSERT_EQ(left.rows(), 40);
  ASSERT_EQ(right.rows(), 30);
  EXPECT_LT((left * right.transpose() - X).norm(), 1e-10 * X.norm());
}

TEST_F(SoftImputeCli, RefusesOtherProblemsAndBadPathsInOneLine) {
  ASSERT_EQ(run_snnsense({"generate", "--operator", "gaussian", "--n", "6", "--rank", "2", "--out",
                          path("gauss").string()})
                .exit_code,
            0);
  expect_one_line_error(run_snnsense({"solve", "--problem", path("gauss").string(), "--method", "soft-impute",
                                      "--out", path("bad").string()}),
                        "--method: soft-impute needs a completion problem");
  expect_one_line_error(run_snnsense({"solve", "--problem", path("p").string(), "--method", "soft-impute",
                                      "--lambdas", "1,2", "--out", path("bad").string()}),
                        "--lambdas: must decrease strictly");
  expect_one_line_error(run_snnsense({"solve", "--problem", path("p").string(), "--method", "soft-impute",
                                      "--path-ratio", "0", "--out", path("bad").string()}),
                        "--path-ratio");
  expect_one_line_error(run_snnsense({"solve", "--problem", path("p").string(), "--method", "admm", "--max-rank",
                                      "5", "--out", path("bad").string()}),
                        "--max-rank: only --method soft-impute");
  EXPECT_FALSE(fs::exists(path("bad")));
}
