#pragma once
// Runs a program as a user would from a shell and captures what they would see: the exit code,
// stdout and stderr. For the CLI tests, which check the executable rather than the library.
#include <stdlib.h>
#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace snnsense::testing {

struct CommandResult {
  int exit_code = -1;  // -1 if the program did not exit normally (a crash, a signal)
  std::string out;
  std::string err;

  std::vector<std::string> err_lines() const {
    std::vector<std::string> lines;
    std::istringstream in(err);
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
  }
};

// Single quotes keep every byte of an argument literal in a POSIX shell.
inline std::string shell_quote(const std::string& argument) {
  std::string quoted = "'";
  for (const char c : argument) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

inline std::string slurp(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// argv[0] is the program. stdout and stderr go to files rather than pipes, so a chatty program
// cannot block on a full pipe while we wait for it.
inline CommandResult run_command(const std::vector<std::string>& argv) {
  std::string capture_template = (std::filesystem::temp_directory_path() / "snnsense-run-XXXXXX").string();
  if (!::mkdtemp(capture_template.data())) throw std::runtime_error("run_command: cannot create " + capture_template);
  const std::filesystem::path capture = capture_template;

  std::string command;
  for (const std::string& argument : argv) command += shell_quote(argument) + " ";
  command += "</dev/null >" + shell_quote((capture / "out").string()) + " 2>" + shell_quote((capture / "err").string());
  const int status = std::system(command.c_str());

  CommandResult result;
  result.exit_code = status != -1 && WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  result.out = slurp(capture / "out");
  result.err = slurp(capture / "err");
  std::filesystem::remove_all(capture);
  return result;
}

}  // namespace snnsense::testing
