// `snnsense solve` and `snnsense diagnose` as a user runs them.
#include <gtest/gtest.h>

#include <filesystem>

#include "../io/temp_dir.hpp"
#include "cli_test_support.hpp"
#include "snnsense/io/json_file.hpp"

using namespace snnsense;
using snnsense::testing::CommandResult;
using snnsense::testing::expect_one_line_error;
using snnsense::testing::run_snnsense;
namespace fs = std::filesystem;

namespace {

class DiagnoseCli : public ::testing::Test {
 protected:
  void SetUp() override {
    for (const auto& [name, seed] : {std::pair{"p", "1"}, std::pair{"q", "2"}}) {
      const CommandResult r = run_snnsense({"generate", "--operator", "spectral", "--n", "8", "--rank", "3",
                                            "--measurements", "6", "--noise", "0", "--seed", seed, "--out",
                                            path(name).string()});
      ASSERT_EQ(r.exit_code, 0) << r.err;
    }
    ASSERT_EQ(run_snnsense({"train", "--problem", path("p").string(), "--layers", "1", "--init", "spectral",
                            "--init-scale", "0.01", "--lr", "0.01", "--iters", "3000", "--out", path("run").string()})
                  .exit_code,
              0);
  }
  fs::path path(const std::string& name) const { return dir_.path() / name; }
  snnsense::testing::TempDir dir_;
};

}  // namespace

TEST_F(DiagnoseCli, ComputesTheConvexReferenceAndStoresTheDiagnosis) {
  const CommandResult r = run_snnsense({"diagnose", path("run").string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("nuclear-norm gap:"), std::string::npos);
  EXPECT_NE(r.out.find("KKT residual:"), std::string::npos);
  EXPECT_NE(r.out.find("exponential rate:"), std::string::npos);
  const auto d = read_json(path("run") / "diagnostics.json");
  EXPECT_LT(d["off_diagonal_max"].get<double>(), 1e-8);
  EXPECT_TRUE(d["exponential_rate"].is_object());
  EXPECT_GT(d["convex_nuclear_norm"].get<double>(), 0.0);
}

TEST_F(DiagnoseCli, AgainstASolvedRunGivesTheSameGap) {
  const CommandResult solved = run_snnsense({"solve", "--problem", path("p").string(), "--out", path("cvx").string()});
  ASSERT_EQ(solved.exit_code, 0) << solved.err;
  EXPECT_TRUE(fs::exists(path("cvx") / "dual.npy"));
  EXPECT_EQ(read_json(path("cvx") / "summary.json")["status"], "optimal");
  ASSERT_EQ(run_snnsense({"diagnose", path("run").string()}).exit_code, 0);
  const double computed = read_json(path("run") / "diagnostics.json")["nuclear_gap"].get<double>();
  ASSERT_EQ(run_snnsense({"diagnose", path("run").string(), "--against", path("cvx").string()}).exit_code, 0);
  EXPECT_NEAR(read_json(path("run") / "diagnostics.json")["nuclear_gap"].get<double>(), computed, 1e-9);
}

TEST_F(DiagnoseCli, BadInputGetsOneLine) {
  ASSERT_EQ(run_snnsense({"solve", "--problem", path("q").string(), "--out", path("other").string()}).exit_code, 0);
  expect_one_line_error(run_snnsense({"diagnose", path("run").string(), "--against", path("other").string()}),
                        "--against");
  fs::remove(path("run") / "X.npy");
  expect_one_line_error(run_snnsense({"diagnose", path("run").string()}), "X.npy");
  expect_one_line_error(run_snnsense({"diagnose", path("nowhere").string()}), "nowhere");
  expect_one_line_error(run_snnsense({"solve", "--problem", path("p").string(), "--method", "sdp", "--out",
                                      path("bad").string()}),
                        "unknown method 'sdp'");
  expect_one_line_error(run_snnsense({"solve", "--problem", path("p").string(), "--method", "apg", "--lambda", "-1",
                                      "--out", path("bad").string()}),
                        "--lambda");
  EXPECT_FALSE(fs::exists(path("bad")));
}

TEST_F(DiagnoseCli, AProblemDirectoryIsNamedAsOneNotAsAMissingConfig) {
  const CommandResult r = run_snnsense({"diagnose", path("p").string()});
  expect_one_line_error(r, path("p").string() + ": is a problem directory (it holds problem.json), not a run directory");
  EXPECT_EQ(r.err.find("config.json"), std::string::npos) << r.err;
  expect_one_line_error(run_snnsense({"diagnose", path("run").string(), "--against", path("q").string()}),
                        path("q").string() + ": is a problem directory");
  fs::create_directory(path("empty"));
  expect_one_line_error(run_snnsense({"diagnose", path("empty").string()}),
                        path("empty").string() + ": not a run directory (no config.json");
  EXPECT_FALSE(fs::exists(path("p") / "diagnostics.json"));
}
