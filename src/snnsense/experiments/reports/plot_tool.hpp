#pragma once
// Figures are drawn by matplotlib through the system Python (Debian's python3-matplotlib), never
// by hand-set pixels: this runs scripts/snnsense_plot.py and reports whether it could. A missing
// interpreter or matplotlib is an expected state of a machine, not a failure of the reproduction,
// so it is told apart from a script that ran and failed.
#include <filesystem>
#include <string>
#include <vector>

namespace snnsense {

inline constexpr const char* kPlotPackage = "python3-matplotlib";
// The plot script's exit status when matplotlib (or numpy) cannot be imported.
inline constexpr int kPlotToolMissingStatus = 3;

struct PlotTool {
  // The system interpreter, not whatever `python3` is first on PATH (a virtual environment or
  // pyenv shim usually lacks Debian's matplotlib).
  std::filesystem::path python = "/usr/bin/python3";
  std::filesystem::path script;  // snnsense_plot.py
};

enum class PlotStatus { drawn, tool_missing, failed };

struct PlotOutcome {
  PlotStatus status = PlotStatus::drawn;
  std::string message;  // one line: what is missing and which package to install, or why the script failed
};

// The tool the CLI uses: $SNNSENSE_PYTHON when set and not empty (another interpreter with
// matplotlib; the tests point it at a missing one), else /usr/bin/python3.
PlotTool plot_tool_from_environment(const std::filesystem::path& script);

// Runs `python script args...` and waits for it. Never throws for the tool's absence or failure.
PlotOutcome run_plot_tool(const PlotTool& tool, const std::vector<std::string>& args);

}  // namespace snnsense
