// `mpirun -np 2 snnsense ...` as a user runs it (only when the CLI is built with MPI): train agrees
// with one process and writes one run directory, a sharded problem trains like the plain one, a
// process that cannot read its shard ends every process with one message and no output, and a
// sweep dealt to two processes, killed midway, finishes only what is missing when run again.
#include <gtest/gtest.h>

#include <filesystem>

#include "../io/temp_dir.hpp"
#include "cli_test_support.hpp"
#include "snnsense/io/json_file.hpp"
#include "snnsense/io/npy.hpp"

using namespace snnsense;
using snnsense::testing::CommandResult;
using snnsense::testing::run_snnsense;
namespace fs = std::filesystem;

#ifdef SNNSENSE_MPIEXEC

namespace {

// Open MPI refuses root unless told (containers, CI); two processes may exceed the cores here.
CommandResult mpirun(int processes, std::vector<std::string> args, std::vector<std::string> env = {}) {
  std::vector<std::string> argv{"env", "OMPI_ALLOW_RUN_AS_ROOT=1", "OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1"};
  argv.insert(argv.end(), env.begin(), env.end());
  for (const std::string& a : {std::string(SNNSENSE_MPIEXEC), std::string("-np"), std::to_string(processes),
                               std::string("--oversubscribe"), std::string(SNNSENSE_CLI)})
    argv.push_back(a);
  argv.insert(argv.end(), args.begin(), args.end());
  return snnsense::testing::run_command(argv);
}

// The lines snnsense wrote to stderr: rank 0 speaks for all, and mpirun adds its own notice of
// the processes' exit codes.
std::vector<std::string> snnsense_lines(const CommandResult& r) {
  std::vector<std::string> ours;
  for (const std::string& line : r.err_lines())
    if (line.rfind("snnsense:", 0) == 0) ours.push_back(line);
  return ours;
}

class MpiCli : public ::testing::Test {
 protected:
  void SetUp() override {
    const CommandResult r = run_snnsense({"generate", "--problem", "rectangular", "--operator", "completion", "--n",
                                          "40", "--n2", "30", "--rank", "3", "--measurements", "600", "--test", "100",
                                          "--seed", "4", "--out", problem.string()});
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  std::vector<std::string> train_args(const fs::path& from, const std::string& out) const {
    return {"train", "--problem", from.string(), "--out", (dir.path() / out).string(), "--layers", "3,2",
            "--rank", "2", "--representation", "factored", "--init", "random", "--init-scale", "0.3",
            "--lr", "5", "--iters", "100"};
  }
  Vector params(const std::string& run) const { return npy::read_vector(dir.path() / run / "params.npy"); }

  snnsense::testing::TempDir dir;
  fs::path problem = dir.path() / "problem";
};

}  // namespace

TEST_F(MpiCli, TwoProcessesAgreeWithOneAndWriteOneRunDirectory) {
  const CommandResult one = run_snnsense(train_args(problem, "one"));
  ASSERT_EQ(one.exit_code, 0) << one.err;
  const CommandResult two = mpirun(2, train_args(problem, "two"));
  ASSERT_EQ(two.exit_code, 0) << two.err;
  // Rank 0 alone prints: one "wrote" line.
  EXPECT_EQ(two.out.find("wrote"), two.out.rfind("wrote")) << two.out;
  const Vector a = params("one"), b = params("two");
  EXPECT_LE((a - b).norm(), 1e-10 * a.norm());
  const double la = read_json(dir.path() / "one" / "summary.json")["final_loss"].get<double>();
  const double lb = read_json(dir.path() / "two" / "summary.json")["final_loss"].get<double>();
  EXPECT_LE(std::abs(la - lb), 1e-10 * la);
  EXPECT_EQ(read_json(dir.path() / "two" / "summary.json")["iterations"], 100);
}

TEST_F(MpiCli, AKilledRunResumesFromItsCheckpointToTheSameBits) {
  std::vector<std::string> whole = train_args(problem, "whole"), killed = train_args(problem, "killed");
  for (auto* args : {&whole, &killed}) args->insert(args->end(), {"--checkpoint-every", "10"});
  ASSERT_EQ(mpirun(2, whole).exit_code, 0);
  // Rank 0 writes the checkpoints and kills itself after the third; mpirun ends rank 1.
  EXPECT_NE(mpirun(2, killed, {"SNNSENSE_TEST_KILL_AFTER_CHECKPOINT=3"}).exit_code, 0);
  ASSERT_FALSE(fs::exists(dir.path() / "killed"));
  const CommandResult resumed = mpirun(2, {"train", "--resume", (dir.path() / "killed").string()});
  ASSERT_EQ(resumed.exit_code, 0) << resumed.err;
  EXPECT_EQ(params("killed"), params("whole"));
}

TEST_F(MpiCli, ShardedProblemTrainsLikeThePlainOne) {
  const fs::path sharded = dir.path() / "sharded";
  const CommandResult s = run_snnsense({"shard", problem.string(), "--parts", "2", "--out", sharded.string()});
  ASSERT_EQ(s.exit_code, 0) << s.err;
  EXPECT_TRUE(fs::exists(sharded / "parts.json"));
  EXPECT_TRUE(fs::exists(sharded / "part-1" / "problem.json"));
  ASSERT_EQ(mpirun(2, train_args(problem, "plain")).exit_code, 0);
  const CommandResult r = mpirun(2, train_args(sharded, "from-shards"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(params("plain"), params("from-shards"));
  // Parts for another process count are refused in one line that says what to do.
  const CommandResult three = mpirun(3, train_args(sharded, "three"));
  EXPECT_NE(three.exit_code, 0);
  EXPECT_NE(three.err.find("stored in 2 parts for 3 processes"), std::string::npos) << three.err;
  EXPECT_FALSE(fs::exists(dir.path() / "three"));
}

TEST_F(MpiCli, AProcessThatCannotReadItsShardEndsEveryProcess) {
  const fs::path sharded = dir.path() / "sharded";
  ASSERT_EQ(run_snnsense({"shard", problem.string(), "--parts", "2", "--out", sharded.string()}).exit_code, 0);
  // Only rank 1 reads part-1.
  const fs::path broken = sharded / "part-1" / "y.npy";
  ASSERT_TRUE(fs::exists(broken));
  fs::remove(broken);
  const CommandResult r = mpirun(2, train_args(sharded, "run"));
  EXPECT_NE(r.exit_code, 0);
  EXPECT_EQ(r.exit_code, 2) << r.err;
  const std::vector<std::string> ours = snnsense_lines(r);
  ASSERT_EQ(ours.size(), 1u) << r.err;
  EXPECT_NE(ours[0].find(broken.string()), std::string::npos) << ours[0];
  // No run directory, and nothing staged beside it.
  for (const auto& entry : fs::directory_iterator(dir.path()))
    EXPECT_EQ(entry.path().filename().string().find("run"), std::string::npos) << entry.path();
}

TEST_F(MpiCli, CommandsThatDoNotShareTheirWorkAreRefused) {
  const CommandResult r = mpirun(2, {"shard", problem.string(), "--parts", "2", "--out", (dir.path() / "s").string()});
  EXPECT_EQ(r.exit_code, 2) << r.err;
  const std::vector<std::string> ours = snnsense_lines(r);
  ASSERT_EQ(ours.size(), 1u) << r.err;
  EXPECT_NE(ours[0].find("shard runs as one process"), std::string::npos) << ours[0];
  EXPECT_FALSE(fs::exists(dir.path() / "s"));
}

TEST_F(MpiCli, KilledSweepOverTwoProcessesFinishesOnlyTheMissingConfigurations) {
  const fs::path grid = dir.path() / "grid.json", out = dir.path() / "sweep";
  snnsense::testing::write_bytes(grid, "{\"problem\": \"problem\", \"base\": {\"model\": \"snn\", \"layers\": [2, 2], "
                                       "\"iters\": 30, \"lr\": 1}, \"grid\": {\"seed\": [0, 1, 2, 3, 4, 5]}}");
  // Each process kills itself once it has finished 2 runs: 4 of 6 are kept at most, 2 at least.
  const CommandResult killed =
      mpirun(2, {"sweep", "--grid", grid.string(), "--out", out.string()}, {"SNNSENSE_TEST_KILL_AFTER_RUNS=2"});
  EXPECT_NE(killed.exit_code, 0);
  int kept = 0;
  for (int seed = 0; seed < 6; ++seed) kept += fs::exists(out / "runs" / ("problem/seed=" + std::to_string(seed)) / "summary.json");
  EXPECT_GE(kept, 2);
  EXPECT_LT(kept, 6);
  const CommandResult again = mpirun(2, {"sweep", "--grid", grid.string(), "--out", out.string()});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(again.out.find("ran " + std::to_string(6 - kept) + ", kept " + std::to_string(kept)), std::string::npos)
      << again.out;
  EXPECT_TRUE(fs::exists(out / "table.csv"));
}

#else

TEST(MpiCli, NeedsTheMpiBuild) { GTEST_SKIP() << "snnsense was built without MPI"; }

#endif
