// The plot tool tells a missing interpreter or matplotlib (expected on a bare machine) apart from a
// script that ran and failed. Stand-in interpreters are shell scripts, so no Python is needed.
#include <gtest/gtest.h>

#include "../io/temp_dir.hpp"
#include "snnsense/experiments/reports/plot_tool.hpp"

using namespace snnsense;
using snnsense::testing::TempDir;

namespace {

PlotTool shell_tool(const TempDir& dir, const std::string& script) {
  snnsense::testing::write_bytes(dir / "plot.sh", script);
  return {"/bin/sh", dir / "plot.sh"};
}

}  // namespace

TEST(PlotTool, MissingInterpreterNamesThePackage) {
  TempDir dir;
  const PlotOutcome out = run_plot_tool({dir / "no-python", dir / "plot.py"}, {});
  EXPECT_EQ(out.status, PlotStatus::tool_missing);
  EXPECT_NE(out.message.find("python3-matplotlib"), std::string::npos) << out.message;
  EXPECT_NE(out.message.find("no-python"), std::string::npos) << out.message;
}

TEST(PlotTool, ScriptStatusThreeMeansMatplotlibIsMissing) {
  TempDir dir;
  const PlotOutcome out = run_plot_tool(shell_tool(dir, "echo 'cannot import matplotlib' >&2; exit 3\n"), {});
  EXPECT_EQ(out.status, PlotStatus::tool_missing);
  EXPECT_NE(out.message.find("cannot import matplotlib"), std::string::npos) << out.message;
  EXPECT_NE(out.message.find("python3-matplotlib"), std::string::npos) << out.message;
}

TEST(PlotTool, FailureReportsTheScriptsLastLine) {
  TempDir dir;
  const PlotOutcome out = run_plot_tool(shell_tool(dir, "echo trace; echo 'KeyError: psnr' >&2; exit 1\n"), {});
  EXPECT_EQ(out.status, PlotStatus::failed);
  EXPECT_NE(out.message.find("KeyError: psnr"), std::string::npos) << out.message;
  EXPECT_EQ(run_plot_tool({"/bin/sh", dir / "absent.py"}, {}).status, PlotStatus::failed);
}

TEST(PlotTool, PassesTheArgumentsAndReportsSuccess) {
  TempDir dir;
  const PlotTool tool = shell_tool(dir, "printf '%s|' \"$@\" > \"$(dirname \"$0\")/args\"\n");
  EXPECT_EQ(run_plot_tool(tool, {"runs", "a b", "--out", "x"}).status, PlotStatus::drawn);
  EXPECT_EQ(snnsense::testing::read_bytes(dir / "args"), "runs|a b|--out|x|");
}
