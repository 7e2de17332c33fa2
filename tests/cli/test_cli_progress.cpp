// Progress on stderr when it is not a terminal (a pipe, a log): a line every
// SNNSENSE_PROGRESS_SECONDS with the stage, step size, iteration, loss, speed and time left.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <regex>

#include "../io/temp_dir.hpp"
#include "cli_test_support.hpp"

using namespace snnsense;
using snnsense::testing::CommandResult;
using snnsense::testing::run_snnsense;
using snnsense::testing::shell_quote;
namespace fs = std::filesystem;

namespace {

struct Piped {
  int exit_code = -1;
  std::vector<std::string> lines;  // what came through the pipe from stderr
};

// Runs snnsense with `environment` (e.g. "SNNSENSE_PROGRESS_SECONDS=0.01"), its stderr into a pipe.
Piped run_piped(const std::string& environment, const std::vector<std::string>& args) {
  // Appended piece by piece: GCC 12 warns (-Wrestrict, a false positive) about " " + std::string.
  std::string command = environment;
  command += ' ';
  command += shell_quote(SNNSENSE_CLI);
  for (const std::string& a : args) {
    command += ' ';
    command += shell_quote(a);
  }
  command += " 2>&1 >/dev/null </dev/null";
  Piped result;
  std::FILE* pipe = ::popen(command.c_str(), "r");
  if (!pipe) return result;
  std::string text;
  char buffer[4096];
  while (std::fgets(buffer, sizeof buffer, pipe)) text += buffer;
  const int status = ::pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  std::size_t start = 0;
  for (std::size_t end; (end = text.find('\n', start)) != std::string::npos; start = end + 1)
    result.lines.push_back(text.substr(start, end - start));
  return result;
}

class ProgressCli : public ::testing::Test {
 protected:
  void SetUp() override {
    const CommandResult r = run_snnsense({"generate", "--n", "6", "--rank", "2", "--measurements", "24", "--seed", "3",
                                          "--out", path("problem").string()});
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  fs::path path(const std::string& name) const { return dir_.path() / name; }
  snnsense::testing::TempDir dir_;
};

const std::regex kTrainLine(
    R"(snnsense: lr 0\.01: iteration \d+/50000, loss \d\.\d{4}e[-+]\d+, \d+ it/s, ETA \d+\.\d s)");

}  // namespace

TEST_F(ProgressCli, TrainPrintsLinesThroughAPipeAtTheInterval) {
  const Piped r = run_piped("SNNSENSE_PROGRESS_SECONDS=0.01",
                            {"train", "--problem", path("problem").string(), "--layers", "2,2", "--iters", "50000",
                             "--out", path("run").string()});
  ASSERT_EQ(r.exit_code, 0);
  std::size_t progress = 0;
  for (const std::string& line : r.lines) progress += std::regex_match(line, kTrainLine) ? 1 : 0;
  EXPECT_GE(progress, 2u) << (r.lines.empty() ? "" : r.lines.front());
  // A run that was shown going ends its log with the reason it stopped.
  ASSERT_FALSE(r.lines.empty());
  EXPECT_NE(r.lines.back().find("iteration 50000/50000"), std::string::npos) << r.lines.back();
  EXPECT_NE(r.lines.back().find("max_iterations"), std::string::npos) << r.lines.back();
}

TEST_F(ProgressCli, ZeroTurnsTheLinesOffAndShortRunsStaySilent) {
  const Piped off = run_piped("SNNSENSE_PROGRESS_SECONDS=0", {"train", "--problem", path("problem").string(), "--iters",
                                                              "20000", "--out", path("off").string()});
  EXPECT_EQ(off.exit_code, 0);
  EXPECT_EQ(off.lines, std::vector<std::string>{});
  // The default interval (5 s) is longer than this run.
  const Piped quiet =
      run_piped("", {"train", "--problem", path("problem").string(), "--iters", "10", "--out", path("quiet").string()});
  EXPECT_EQ(quiet.exit_code, 0);
  EXPECT_EQ(quiet.lines, std::vector<std::string>{});
}

TEST_F(ProgressCli, SearchShowsTheCandidateAndCompareTheModel) {
  const Piped search = run_piped("SNNSENSE_PROGRESS_SECONDS=0.01",
                                 {"train", "--problem", path("problem").string(), "--iters", "20000", "--lr",
                                  "search", "--lr-grid", "0.02,0.01", "--out", path("search").string()});
  ASSERT_EQ(search.exit_code, 0);
  bool first = false, second = false;
  for (const std::string& line : search.lines) {
    first = first || line.rfind("snnsense: lr 0.02: iteration", 0) == 0;
    second = second || line.rfind("snnsense: lr 0.01: iteration", 0) == 0;
  }
  EXPECT_TRUE(first && second) << search.lines.size() << " lines";

  const Piped compare = run_piped("SNNSENSE_PROGRESS_SECONDS=0.01",
                                  {"compare", "--problem", path("problem").string(), "--models", "lg,snn", "--iters",
                                   "20000", "--out", path("cmp").string()});
  ASSERT_EQ(compare.exit_code, 0);
  bool lg = false, snn = false;
  for (const std::string& line : compare.lines) {
    lg = lg || line.rfind("snnsense: lg (1/2), lr 0.01: iteration", 0) == 0;
    snn = snn || line.rfind("snnsense: snn (2/2), lr 0.01: iteration", 0) == 0;
  }
  EXPECT_TRUE(lg && snn) << compare.lines.size() << " lines";
}

TEST_F(ProgressCli, ABadIntervalIsRefusedBeforeAnyWork) {
  const Piped r = run_piped("SNNSENSE_PROGRESS_SECONDS=often",
                            {"train", "--problem", path("problem").string(), "--out", path("run").string()});
  EXPECT_EQ(r.exit_code, 2);
  ASSERT_EQ(r.lines.size(), 1u);
  EXPECT_NE(r.lines[0].find("SNNSENSE_PROGRESS_SECONDS: expected a non-negative number of seconds, got 'often'"),
            std::string::npos);
  EXPECT_FALSE(fs::exists(path("run")));
}
