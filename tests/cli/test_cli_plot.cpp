// `snnsense plot`: curves labelled by model, reconstructions beside X*, and an existing --out
// replaced only with --force. Needs /usr/bin/python3 with matplotlib, like the reproduction test.
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

std::vector<std::string> labels(const fs::path& figures) {
  return read_json(figures / "figures.json")["labels"].get<std::vector<std::string>>();
}

}  // namespace

TEST(PlotCli, LabelsByModelDrawsReconstructionsAndNeedsForce) {
  snnsense::testing::TempDir dir;
  const fs::path problem = dir / "p", cmp = dir / "cmp", other = dir / "other", figures = dir / "figs";
  ASSERT_EQ(run_snnsense({"generate", "--n", "8", "--rank", "2", "--measurements", "40", "--seed", "5", "--out",
                          problem.string()})
                .exit_code,
            0);
  CommandResult r = run_snnsense({"compare", "--problem", problem.string(), "--models", "snn,lg,nuclear", "--layers",
                                  "2,2", "--iters", "30", "--out", cmp.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  fs::create_directories(other);
  r = run_snnsense({"train", "--problem", problem.string(), "--layers", "2,2", "--iters", "30", "--out",
                    (other / "snn").string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;

  r = run_snnsense({"plot", (cmp / "snn").string(), (cmp / "lg").string(), (cmp / "nuclear").string(), "--out",
                    figures.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(labels(figures), (std::vector<std::string>{"SNN [2,2]", "LG", "convex (min nuclear norm)"}));
  // The error panel says what it plots: the relative error to X*, not a "test error".
  bool error_panel = false;
  const nlohmann::json manifest = read_json(figures / "figures.json");
  for (const auto& f : manifest["figures"]) {
    if (f["file"] != "error_rank.png") continue;
    error_panel = true;
    EXPECT_EQ(f["caption"].get<std::string>().rfind("Relative error to X* (||X - X*||_F / ||X*||_F)", 0), 0u)
        << f["caption"];
  }
  EXPECT_TRUE(error_panel);
  EXPECT_FALSE(fs::exists(figures / "rmse.png"));  // sensing, not completion: no entries to score
  // The problem stores X*: X and X* side by side.
  EXPECT_GT(fs::file_size(figures / "reconstructions.png"), 0u);
  EXPECT_NE(r.out.find("reconstructions.png"), std::string::npos) << r.out;

  // Two runs of one model: the folder tells them apart.
  const fs::path two = dir / "two";
  r = run_snnsense({"plot", (cmp / "snn").string(), (other / "snn").string(), "--out", two.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(labels(two), (std::vector<std::string>{"SNN [2,2] (cmp/snn)", "SNN [2,2] (other/snn)"}));

  // An existing --out is refused without --force, and left as it was.
  snnsense::testing::write_bytes(figures / "mine.txt", "keep");
  expect_one_line_error(run_snnsense({"plot", (cmp / "lg").string(), "--out", figures.string()}), "--force");
  EXPECT_TRUE(fs::exists(figures / "mine.txt"));
  EXPECT_EQ(labels(figures).size(), 3u);
  r = run_snnsense({"plot", (cmp / "lg").string(), "--out", figures.string(), "--force"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_FALSE(fs::exists(figures / "mine.txt"));
  EXPECT_EQ(labels(figures), (std::vector<std::string>{"LG"}));
}

// A completion comparison: the entries' RMSE against iteration, the convex solution as a line.
TEST(PlotCli, CompletionRunsGetTheRmsePanel) {
  snnsense::testing::TempDir dir;
  const fs::path problem = dir / "p", cmp = dir / "cmp", figures = dir / "figs";
  ASSERT_EQ(run_snnsense({"generate", "--problem", "rectangular", "--operator", "completion", "--n", "10", "--n2", "8",
                          "--rank", "2", "--fraction", "0.5", "--test", "20", "--seed", "5", "--out",
                          problem.string()})
                .exit_code,
            0);
  CommandResult r = run_snnsense({"compare", "--problem", problem.string(), "--models", "bm,nuclear", "--lr", "1",
                                  "--iters", "40", "--out", cmp.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  r = run_snnsense({"plot", (cmp / "bm").string(), (cmp / "nuclear").string(), "--out", figures.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  bool rmse_panel = false;
  const nlohmann::json manifest = read_json(figures / "figures.json");
  for (const auto& f : manifest["figures"])
    if (f["file"] == "rmse.png") rmse_panel = true;
  EXPECT_TRUE(rmse_panel);
  EXPECT_GT(fs::file_size(figures / "rmse.png"), 0u);
}
