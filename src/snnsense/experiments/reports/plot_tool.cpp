#include "snnsense/experiments/reports/plot_tool.hpp"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

namespace snnsense {

namespace {

std::string last_line(const std::string& text) {
  std::size_t end = text.find_last_not_of(" \n\r\t");
  if (end == std::string::npos) return "";
  const std::size_t begin = text.rfind('\n', end);
  return text.substr(begin == std::string::npos ? 0 : begin + 1,
                     end - (begin == std::string::npos ? 0 : begin + 1) + 1);
}

std::string missing_message(const std::string& what) {
  return what + ": install the Debian package " + kPlotPackage + " (apt-get install " + kPlotPackage +
         "), or point SNNSENSE_PYTHON at a Python with matplotlib";
}

}  // namespace

PlotTool plot_tool_from_environment(const std::filesystem::path& script) {
  PlotTool tool;
  tool.script = script;
  if (const char* python = std::getenv("SNNSENSE_PYTHON"); python && *python) tool.python = python;
  return tool;
}

PlotOutcome run_plot_tool(const PlotTool& tool, const std::vector<std::string>& args) {
  if (::access(tool.python.c_str(), X_OK) != 0)
    return {PlotStatus::tool_missing, missing_message("no Python interpreter at " + tool.python.string())};
  if (!std::filesystem::is_regular_file(tool.script))
    return {PlotStatus::failed, "the plot script is missing: " + tool.script.string()};

  std::vector<std::string> argv_text{tool.python.string(), tool.script.string()};
  argv_text.insert(argv_text.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (std::string& a : argv_text) argv.push_back(a.data());
  argv.push_back(nullptr);

  int pipe_fds[2];
  if (::pipe(pipe_fds) != 0) return {PlotStatus::failed, std::string("cannot create a pipe: ") + std::strerror(errno)};
  const pid_t pid = ::fork();
  if (pid < 0) {
    ::close(pipe_fds[0]);
    ::close(pipe_fds[1]);
    return {PlotStatus::failed, std::string("cannot start Python: ") + std::strerror(errno)};
  }
  if (pid == 0) {
    // The script's output is kept for the error message rather than mixed into ours.
    ::dup2(pipe_fds[1], STDOUT_FILENO);
    ::dup2(pipe_fds[1], STDERR_FILENO);
    ::close(pipe_fds[0]);
    ::close(pipe_fds[1]);
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  ::close(pipe_fds[1]);
  std::string output;
  char buffer[4096];
  for (ssize_t n; (n = ::read(pipe_fds[0], buffer, sizeof buffer)) != 0;) {
    if (n < 0) {
      if (errno == EINTR) continue;
      break;
    }
    output.append(buffer, static_cast<std::size_t>(n));
  }
  ::close(pipe_fds[0]);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (WIFEXITED(status) && WEXITSTATUS(status) == 0) return {PlotStatus::drawn, ""};
  if (WIFEXITED(status) && WEXITSTATUS(status) == kPlotToolMissingStatus)
    return {PlotStatus::tool_missing, missing_message(last_line(output))};
  return {PlotStatus::failed, tool.script.filename().string() + " failed: " +
                                  (output.empty() ? "exit status " + std::to_string(status) : last_line(output))};
}

}  // namespace snnsense
