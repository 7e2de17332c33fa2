// Every command that writes refuses an output that is, contains or lies inside one of its inputs,
// with or without --force, before any work: the input is still there afterwards.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "../io/temp_dir.hpp"
#include "cli_test_support.hpp"

using namespace snnsense;
using snnsense::testing::CommandResult;
using snnsense::testing::expect_one_line_error;
using snnsense::testing::run_snnsense;
namespace fs = std::filesystem;

namespace {

class OutputOverlapCli : public ::testing::Test {
 protected:
  void SetUp() override {
    fs::create_directories(path("scratch"));
    for (const fs::path& p : {path("tiny"), path("scratch") / "p"}) {
      const CommandResult r = run_snnsense({"generate", "--n", "5", "--rank", "2", "--seed", "1", "--out", p.string()});
      ASSERT_EQ(r.exit_code, 0) << r.err;
    }
    const CommandResult r = run_snnsense({"train", "--problem", path("tiny").string(), "--iters", "5", "--out",
                                          path("run").string()});
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  fs::path path(const std::string& name) const { return dir_.path() / name; }

  // The command is refused with one line naming `fragment`, and `input` still holds `file`.
  void expect_refused(const std::vector<std::string>& args, const std::string& fragment, const fs::path& kept) {
    SCOPED_TRACE(args[0] + " ... " + args.back());
    expect_one_line_error(run_snnsense(args), fragment);
    EXPECT_TRUE(fs::exists(kept)) << kept;
    for (const auto& entry : fs::recursive_directory_iterator(dir_.path()))
      EXPECT_NE(entry.path().filename().string()[0], '.') << "temporary left: " << entry.path();
  }

  snnsense::testing::TempDir dir_;
};

}  // namespace

TEST_F(OutputOverlapCli, TrainRefusesToReplaceWhatItReads) {
  const std::string tiny = path("tiny").string(), kept = (path("tiny") / "problem.json").string();
  expect_refused({"train", "--problem", tiny, "--out", tiny, "--force"}, "is the --problem directory", kept);
  expect_refused({"train", "--problem", (path("scratch") / "p").string(), "--out", path("scratch").string(), "--force"},
                 "contains the --problem directory", path("scratch") / "p" / "problem.json");
  expect_refused({"train", "--problem", tiny, "--out", (path("tiny") / "run").string()},
                 "lies inside the --problem directory", kept);
  // Spelled differently: through "..", and through a symlink.
  expect_refused({"train", "--problem", tiny, "--out", (path("scratch") / ".." / "tiny").string(), "--force"},
                 "is the --problem directory", kept);
  fs::create_directory_symlink(path("tiny"), path("alias"));
  expect_refused({"train", "--problem", path("alias").string(), "--out", tiny, "--force"}, "is the --problem", kept);

  const fs::path config = path("scratch") / "train.json";
  std::ofstream(config) << R"({"iters": 5})";
  expect_refused({"train", "--problem", tiny, "--config", config.string(), "--out", path("scratch").string(), "--force"},
                 "contains the --config file", config);
  // --config can name the paths too: they are checked once it is applied.
  std::ofstream(config, std::ios::trunc) << R"({"iters": 5, "params-init-out": ")" +
                                                (path("tiny") / "start.npy").string() + R"("})";
  expect_refused({"train", "--problem", tiny, "--config", config.string(), "--out", path("new").string()},
                 "--params-init-out", kept);
  EXPECT_FALSE(fs::exists(path("tiny") / "start.npy"));

  const fs::path params = path("scratch") / "start.npy";
  ASSERT_EQ(run_snnsense({"train", "--problem", tiny, "--iters", "1", "--params-init-out", params.string(), "--out",
                          path("first").string()})
                .exit_code,
            0);
  expect_refused({"train", "--problem", tiny, "--params-in", params.string(), "--out", path("scratch").string(),
                  "--force"},
                 "contains the --params-in file", params);
  expect_refused({"train", "--problem", tiny, "--params-init-out", (path("tiny") / "y.npy").string(), "--out",
                  path("new").string()},
                 "--params-init-out", path("tiny") / "y.npy");
  expect_refused({"train", "--problem", tiny, "--params-init-out", (path("run") / "p.npy").string(), "--out",
                  path("run").string(), "--force"},
                 "lies inside the --out", path("run") / "summary.json");
  EXPECT_FALSE(fs::exists(path("new")));
  EXPECT_FALSE(fs::exists(path("run") / "p.npy"));

  // The same command with a harmless --out works.
  EXPECT_EQ(run_snnsense({"train", "--problem", tiny, "--iters", "5", "--out", path("scratch/run").string()}).exit_code,
            0);
}

TEST_F(OutputOverlapCli, CompareSolveGenerateAndPlotRefuseToo) {
  const std::string tiny = path("tiny").string(), kept = (path("tiny") / "problem.json").string();
  expect_refused({"compare", "--problem", tiny, "--models", "lg", "--iters", "5", "--out", tiny, "--force"},
                 "is the --problem directory", kept);
  expect_refused({"compare", "--problem", (path("scratch") / "p").string(), "--models", "lg", "--iters", "5", "--out",
                  path("scratch").string(), "--force"},
                 "contains the --problem directory", path("scratch") / "p" / "problem.json");
  expect_refused({"solve", "--problem", tiny, "--out", tiny, "--force"}, "is the --problem directory", kept);
  expect_refused({"solve", "--problem", tiny, "--out", (path("tiny") / "convex").string()},
                 "lies inside the --problem directory", kept);

  // An image file read by generate (the refusal comes before the file is read).
  fs::create_directories(path("pictures"));
  const fs::path image = path("pictures") / "digit.png";
  std::ofstream(image) << "not read";
  expect_refused({"generate", "--problem", "image", "--image", image.string(), "--out", path("pictures").string(),
                  "--force"},
                 "contains the --image file", image);
  expect_refused({"generate", "--problem", "image", "--image", image.string(), "--out", image.string(), "--force"},
                 "is the --image file", image);

  expect_refused({"plot", path("run").string(), "--out", path("run").string()}, "is the RUN directory",
                 path("run") / "summary.json");
  expect_refused({"plot", path("run").string(), "--out", dir_.path().string()}, "contains the RUN directory",
                 path("run") / "summary.json");
}
