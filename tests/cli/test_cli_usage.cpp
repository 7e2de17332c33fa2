// The README's usage lines show each option with its default: every value written there must be
// the default that the command's --help states, so the README cannot drift from the code.
#include <gtest/gtest.h>

#include <cctype>
#include <sstream>
#include <string>
#include <vector>

#include "cli_test_support.hpp"

using snnsense::testing::CommandResult;
using snnsense::testing::run_snnsense;

namespace {

struct Usage {
  std::string command;
  std::vector<std::string> tokens;
};

// The ```sh block after the line that announces the defaults, continuation lines joined.
std::vector<Usage> readme_usage_lines() {
  const std::string readme = snnsense::testing::slurp(std::string(SNNSENSE_SOURCE_DIR) + "/README.md");
  const std::size_t marker = readme.find("checks these lines against");
  EXPECT_NE(marker, std::string::npos) << "README.md: the usage block's announcement is missing";
  const std::size_t begin = readme.find("```sh\n", marker == std::string::npos ? 0 : marker);
  const std::size_t end = begin == std::string::npos ? begin : readme.find("```", begin + 6);
  if (marker == std::string::npos || end == std::string::npos) return {};
  std::string block;
  for (std::size_t i = begin + 6; i < end; ++i) {
    if (readme[i] == '\\' && readme[i + 1] == '\n') {
      block += ' ';
      ++i;
    } else {
      block += readme[i];
    }
  }
  std::vector<Usage> lines;
  std::istringstream in(block);
  for (std::string line; std::getline(in, line);) {
    std::istringstream words(line);
    Usage usage;
    for (std::string w; words >> w;) {
      std::erase(w, '[');
      std::erase(w, ']');
      usage.tokens.push_back(w);
    }
    if (usage.tokens.size() < 2 || usage.tokens[0] != "snnsense") continue;
    usage.command = usage.tokens[1];
    lines.push_back(usage);
  }
  return lines;
}

// "--layers 2,2,2,2" is a default; "--out DIR" (capitals: a value of yours) is not. Of several
// choices "a|b|c", the first is the default.
std::vector<std::pair<std::string, std::string>> shown_defaults(const Usage& usage) {
  std::vector<std::pair<std::string, std::string>> defaults;
  for (std::size_t i = 2; i + 1 < usage.tokens.size(); ++i) {
    const std::string& option = usage.tokens[i];
    const std::string& value = usage.tokens[i + 1];
    if (option.rfind("--", 0) != 0 || value.rfind("--", 0) == 0 || std::isupper(static_cast<unsigned char>(value[0])))
      continue;
    defaults.emplace_back(option, value.substr(0, value.find('|')));
  }
  return defaults;
}

}  // namespace

TEST(ReadmeUsage, EveryValueShownIsTheDefaultOfHelp) {
  const std::vector<Usage> lines = readme_usage_lines();
  // generate, import, info, train, solve, diagnose, compare, sweep, shard, reproduce, plot, predict
  ASSERT_EQ(lines.size(), 12u);
  std::size_t checked = 0;
  for (const Usage& usage : lines) {
    const CommandResult help = run_snnsense({usage.command, "--help"});
    ASSERT_EQ(help.exit_code, 0) << usage.command << ": " << help.err;
    for (const auto& [option, value] : shown_defaults(usage)) {
      // CLI11 prints "  --layers TEXT=2,2,2,2       SNN widths d1,...,dL".
      std::istringstream in(help.out);
      bool found = false;
      for (std::string line; std::getline(in, line);) {
        const std::size_t start = line.find_first_not_of(' ');
        if (start == std::string::npos || line.compare(start, option.size() + 1, option + " ") != 0) continue;
        found = true;
        const std::size_t at = line.find("=" + value);
        const std::size_t after = at == std::string::npos ? at : at + 1 + value.size();
        EXPECT_TRUE(at != std::string::npos && (after == line.size() || line[after] == ' '))
            << "README shows `" << usage.command << " " << option << " " << value << "`; --help says: " << line;
      }
      EXPECT_TRUE(found) << usage.command << " --help has no " << option;
      ++checked;
    }
  }
  EXPECT_GE(checked, 15u);  // the block really holds the defaults
}
