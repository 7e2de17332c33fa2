// Every integer option of every command refuses values that do not fit (beyond 64 bits, or
// negative where only non-negative values make sense) with one line naming the option, where
// CLI11 alone would saturate them to the largest integer or wrap -1 around.
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

const std::string kHuge = "99999999999999999999";  // > 2^64

class IntegerOptionsCli : public ::testing::Test {
 protected:
  void SetUp() override {
    const CommandResult r = run_snnsense({"generate", "--n", "5", "--rank", "2", "--out", path("p").string()});
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  fs::path path(const std::string& name) const { return dir_.path() / name; }

  void expect_refused(std::vector<std::string> args, const std::string& option, const std::string& value) {
    SCOPED_TRACE(args[0] + " " + option + " " + value);
    args.push_back(option);
    args.push_back(value);
    expect_one_line_error(run_snnsense(args), option + ": must be an integer in [");
    EXPECT_FALSE(fs::exists(path("out")));
  }

  snnsense::testing::TempDir dir_;
};

}  // namespace

TEST_F(IntegerOptionsCli, EveryIntegerOptionRefusesValuesThatDoNotFit) {
  const std::string p = path("p").string(), out = path("out").string();
  const std::vector<std::string> training{"--rank",       "--depth",       "--width",      "--search-successes",
                                          "--search-probe", "--iters",     "--decay-every", "--batch-size",
                                          "--trace-every", "--seed",       "--threads"};
  for (const std::string command : {"train", "compare"})
    for (const std::string& option : training)
      for (const std::string& value : {kHuge, std::string("-1"), std::string("-" + kHuge)})
        expect_refused({command, "--problem", p, "--out", out}, option, value);
  for (const std::string command : {"solve", "compare"}) {
    expect_refused({command, "--problem", p, "--out", out}, "--max-iters", kHuge);
    expect_refused({command, "--problem", p, "--out", out}, "--max-iters", "-5");
  }
  for (const std::string option : {"--n", "--n2", "--rank", "--measurements", "--resize", "--seed", "--test"})
    expect_refused({"generate", "--out", out}, option, kHuge);
  expect_refused({"generate", "--out", out}, "--seed", "-1");
  // generate's sizes fit an integer; their own validation states the range in words.
  for (const std::string option : {"--n", "--n2", "--rank", "--measurements", "--resize", "--test"}) {
    SCOPED_TRACE(option);
    expect_one_line_error(run_snnsense({"generate", "--out", out, option, "-2"}), option);
    EXPECT_FALSE(fs::exists(path("out")));
  }
  expect_refused({"train", "--problem", p, "--out", out}, "--iters", "12abc");
}

TEST_F(IntegerOptionsCli, AConfigFileValueIsCheckedTheSameWay) {
  const fs::path config = path("config.json");
  std::ofstream(config) << R"({"iters": "99999999999999999999"})";
  expect_one_line_error(run_snnsense({"train", "--problem", path("p").string(), "--config", config.string(), "--out",
                                      path("out").string()}),
                        "--iters: must be an integer in [0, 9223372036854775807]");
  EXPECT_FALSE(fs::exists(path("out")));
}

TEST_F(IntegerOptionsCli, ValuesInRangeStillWork) {
  const CommandResult r = run_snnsense({"train", "--problem", path("p").string(), "--iters", "3", "--seed",
                                        "18446744073709551615", "--out", path("out").string()});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(run_snnsense({"generate", "--n", "4", "--rank", "1", "--test", "-1", "--out", path("q").string()}).exit_code,
            0);
}
