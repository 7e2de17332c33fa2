#pragma once
// What every CLI test needs: run the built snnsense with arguments, and check the contract for
// bad input (exit code 2, nothing on stdout, exactly one line on stderr saying what is wrong).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "run_command.hpp"

namespace snnsense::testing {

inline CommandResult run_snnsense(std::vector<std::string> args) {
  args.insert(args.begin(), SNNSENSE_CLI);
  return run_command(args);
}

inline void expect_one_line_error(const CommandResult& result, const std::string& fragment) {
  EXPECT_EQ(result.exit_code, 2) << result.err;
  EXPECT_EQ(result.out, "");
  const std::vector<std::string> lines = result.err_lines();
  ASSERT_EQ(lines.size(), 1u) << result.err;
  EXPECT_NE(lines[0].find(fragment), std::string::npos) << lines[0];
}

}  // namespace snnsense::testing
