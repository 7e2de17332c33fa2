// `snnsense generate` and `snnsense info` as a user runs them: the paper's data sets, byte-for-byte
// reproducibility, and one line on stderr with exit code 2 for every bad input.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <functional>
#include <limits>
#include <sstream>
#include <string>
#include <vector>

#include "../io/temp_dir.hpp"
#include "cli_test_support.hpp"
#include "snnsense/io/json_file.hpp"
#include "snnsense/io/npy.hpp"

using namespace snnsense;
using snnsense::testing::CommandResult;
using snnsense::testing::expect_one_line_error;
using snnsense::testing::run_snnsense;
using snnsense::testing::read_bytes;
using snnsense::testing::TempDir;
using snnsense::testing::write_bytes;
namespace fs = std::filesystem;

namespace {

// The value of info's "key:   value" line, or "<no key>" so that a failed comparison says why.
std::string info_value(const std::string& output, const std::string& key) {
  std::istringstream in(output);
  for (std::string line; std::getline(in, line);) {
    if (!line.starts_with(key + ":")) continue;
    const std::string value = line.substr(key.size() + 1);
    return value.substr(std::min(value.size(), value.find_first_not_of(' ')));
  }
  return "<no " + key + ">";
}

std::vector<std::string> entries(const fs::path& dir) {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(dir)) names.push_back(entry.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

CommandResult generate(const fs::path& out, std::vector<std::string> options) {
  options.insert(options.begin(), "generate");
  options.insert(options.end(), {"--out", out.string()});
  return run_snnsense(options);
}

}  // namespace

TEST(CliGenerate, PaperDataSetsAreGeneratedAndDescribed) {
  TempDir dir;
  struct DataSet {
    std::string name;
    std::vector<std::string> options;
    std::string operator_kind, shape, measurements;
  };
  const std::vector<DataSet> sets{
      {"fig1",
       {"--problem", "synthetic", "--operator", "spectral", "--n", "10", "--rank", "6", "--measurements", "75",
        "--noise-abs", "0.01"},
       "spectral", "10 x 10", "75 train, 75 test"},
      {"fig2",
       {"--problem", "synthetic", "--operator", "gaussian", "--n", "10", "--rank", "6", "--measurements", "75",
        "--noise-abs", "0.01"},
       "dense", "10 x 10", "75 train, 75 test"},
      {"fig3", {"--problem", "image", "--image", "fashion-mnist:0", "--measurements", "470", "--noise-abs", "0.01"},
       "dense", "28 x 28", "470 train, 470 test"},
  };
  for (const DataSet& set : sets) {
    SCOPED_TRACE(set.name);
    const CommandResult made = generate(dir / set.name, set.options);
    ASSERT_EQ(made.exit_code, 0) << made.err;
    EXPECT_EQ(made.err, "");
    EXPECT_TRUE(made.out.starts_with("wrote " + (dir / set.name).string() + ": ")) << made.out;
    EXPECT_EQ(std::count(made.out.begin(), made.out.end(), '\n'), 1) << made.out;

    const CommandResult info = run_snnsense({"info", (dir / set.name).string()});
    ASSERT_EQ(info.exit_code, 0) << info.err;
    EXPECT_EQ(info_value(info.out, "shape"), set.shape);
    EXPECT_EQ(info_value(info.out, "operator"), set.operator_kind);
    EXPECT_EQ(info_value(info.out, "measurements"), set.measurements);
    EXPECT_EQ(info_value(info.out, "noise"), "0.01");
    EXPECT_TRUE(info_value(info.out, "snr").ends_with(" dB")) << info.out;
    EXPECT_EQ(info_value(info.out, "  noise_abs"), "0.01");
    EXPECT_EQ(info_value(info.out, "  seed"), "0");
  }
  const CommandResult fig1 = run_snnsense({"info", (dir / "fig1").string()});
  EXPECT_EQ(info_value(fig1.out, "ground truth"), "rank 6, nuclear norm 1");
  EXPECT_EQ(info_value(fig1.out, "  problem"), "synthetic");
  EXPECT_EQ(info_value(fig1.out, "pixel scale"), "<no pixel scale>");
  const CommandResult fig3 = run_snnsense({"info", (dir / "fig3").string()});
  EXPECT_EQ(info_value(fig3.out, "  problem"), "image");
  EXPECT_EQ(info_value(fig3.out, "  image"), "fashion-mnist:0");
  EXPECT_GT(std::stod(info_value(fig3.out, "pixel scale")), 255.0);
  EXPECT_TRUE(info_value(fig3.out, "ground truth").ends_with("nuclear norm 1")) << fig3.out;
}

TEST(CliGenerate, SameSeedGivesTheSameBytes) {
  TempDir dir;
  for (const std::string design : {"gaussian", "spectral", "completion", "rank-one"}) {
    SCOPED_TRACE(design);
    const std::vector<std::string> options{"--operator", design, "--n", "8", "--rank", "3", "--seed", "42"};
    ASSERT_EQ(generate(dir / (design + "-a"), options).exit_code, 0);
    ASSERT_EQ(generate(dir / (design + "-b"), options).exit_code, 0);
    ASSERT_EQ(entries(dir / (design + "-a")), entries(dir / (design + "-b")));
    for (const std::string& name : entries(dir / (design + "-a")))
      EXPECT_EQ(read_bytes(dir / (design + "-a") / name), read_bytes(dir / (design + "-b") / name)) << name;

    std::vector<std::string> other_seed = options;
    other_seed.back() = "43";
    ASSERT_EQ(generate(dir / (design + "-c"), other_seed).exit_code, 0);
    EXPECT_NE(read_bytes(dir / (design + "-a") / "y.npy"), read_bytes(dir / (design + "-c") / "y.npy"));
  }
}

TEST(CliGenerate, HelpShowsEveryDefault) {
  const CommandResult help = run_snnsense({"generate", "--help"});
  ASSERT_EQ(help.exit_code, 0);
  for (const std::string shown : {"--problem TEXT=synthetic", "--operator TEXT=gaussian", "--n INT=10", "--n2 INT=0",
                                  "--rank INT=6", "--measurements INT=0", "--fraction FLOAT=0", "--test INT=-1",
                                  "--noise FLOAT=0.01", "--scale FLOAT=0", "--seed UINT=0", "--resize INT=0",
                                  "--max-memory FLOAT=2"})
    EXPECT_NE(help.out.find(shown), std::string::npos) << shown << "\n" << help.out;
}

// Each bad input: exit 2, one line naming the option or file, and nothing written (not even a
// hidden staging directory).
TEST(CliGenerate, BadInputsFailWithOneLineAndWriteNothing) {
  TempDir dir;
  write_bytes(dir / "x.png", "\x89PNG but then random bytes \x01\x02\x03\xff\xfe");
  const std::string out = (dir / "out").string();
  struct Case {
    std::vector<std::string> options;
    std::string fragment;
  };
  const std::vector<Case> cases{
      {{"--problem", "tensor"}, "--problem: unknown problem 'tensor'"},
      {{"--operator", "sparse"}, "--operator: unknown operator 'sparse'"},
      {{"--n", "0"}, "--n must be positive, got 0"},
      {{"--n", "-3"}, "--n must be positive, got -3"},
      {{"--rank", "11"}, "--rank 11"},
      {{"--operator", "completion", "--n", "8", "--measurements", "40"},
       "--measurements: 80 completion samples (train + test) exceed the 64 entries"},
      {{"--problem", "image", "--image", (dir / "missing.png").string()}, "missing.png: no such file"},
      {{"--problem", "image", "--image", (dir / "x.png").string()}, "x.png: not a readable image"},
      {{"--problem", "image", "--image", "fashion-mnist:10000"}, "--image: fashion-mnist index 10000 out of range"},
      {{"--noise", "-1"}, "--noise"},
      {{"--noise-abs", "-1"}, "--noise-abs must be a non-negative number"},
      {{"--noise", "0.1", "--noise-abs", "0.1"}, "--noise"},
      {{"--max-memory", "0"}, "--max-memory must lie in"},
      {{"--n", "200", "--measurements", "20000"}, "or raise the limit with --max-memory GB (now 2)"},
      {{"--seed", "-1"}, "--seed"},
      {{"--measurements", "many"}, "--measurements"},
      {{"--bogus", "1"}, "--bogus"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.fragment);
    expect_one_line_error(generate(out, c.options), c.fragment);
    EXPECT_EQ(entries(dir.path()), std::vector<std::string>{"x.png"});
  }
  expect_one_line_error(run_snnsense({"generate"}), "--out");
}

TEST(CliGenerate, ExistingOutputIsKeptUnlessForced) {
  TempDir dir;
  fs::create_directory(dir / "out");
  write_bytes(dir / "out" / "keep.txt", "mine");
  expect_one_line_error(generate(dir / "out", {}), "out: already exists (use --force to replace it)");
  EXPECT_EQ(entries(dir / "out"), std::vector<std::string>{"keep.txt"});
  EXPECT_EQ(entries(dir.path()), std::vector<std::string>{"out"});

  const CommandResult forced = generate(dir / "out", {"--force"});
  ASSERT_EQ(forced.exit_code, 0) << forced.err;
  EXPECT_FALSE(fs::exists(dir / "out" / "keep.txt"));
  EXPECT_TRUE(fs::exists(dir / "out" / "problem.json"));
  EXPECT_EQ(entries(dir.path()), std::vector<std::string>{"out"});
}

TEST(CliInfo, FaultyProblemDirectoriesFailWithOneLineNamingTheFile) {
  TempDir dir;
  struct Case {
    std::string name;
    std::function<void(const fs::path&)> spoil;
    std::string fragment;
  };
  const std::vector<Case> cases{
      {"corrupt-npy", [](const fs::path& d) { write_bytes(d / "A.npy", "\x93NUMPY garbage"); }, "A.npy: "},
      {"nan-in-y",
       [](const fs::path& d) {
         Vector y = npy::read_vector(d / "y.npy");
         y(3) = std::numeric_limits<double>::quiet_NaN();
         npy::write_vector(d / "y.npy", y);
       },
       "y.npy: entry 3 is NaN"},
      {"missing-field",
       [](const fs::path& d) {
         nlohmann::json manifest = read_json(d / "problem.json");
         manifest.erase("noise");
         write_json(d / "problem.json", manifest);
       },
       "problem.json: missing field 'noise'"},
      {"version-2",
       [](const fs::path& d) {
         nlohmann::json manifest = read_json(d / "problem.json");
         manifest["version"] = 2;
         write_json(d / "problem.json", manifest);
       },
       "problem.json: unsupported version 2 (this snnsense reads version 1)"},
      {"no-such-directory", [](const fs::path& d) { fs::remove_all(d); }, "no-such-directory: no such problem directory"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    ASSERT_EQ(generate(dir / c.name, {"--n", "6", "--rank", "2"}).exit_code, 0);
    c.spoil(dir / c.name);
    expect_one_line_error(run_snnsense({"info", (dir / c.name).string()}), c.fragment);
  }
}

// A completion problem's entries are about 1e-2: the default noise follows them (1% of their RMS,
// 40 dB) instead of an absolute 0.01 that would bury them, and both commands say the SNR.
TEST(CliGenerate, NoiseIsRelativeToTheSignalAndTheSnrIsStated) {
  TempDir dir;
  const CommandResult made = generate(dir / "p", {"--problem", "rectangular", "--operator", "completion", "--n", "20",
                                                  "--n2", "30", "--rank", "3", "--fraction", "0.2"});
  ASSERT_EQ(made.exit_code, 0) << made.err;
  EXPECT_NE(made.out.find("(SNR 40.0 dB)"), std::string::npos) << made.out;
  const CommandResult info = run_snnsense({"info", (dir / "p").string()});
  ASSERT_EQ(info.exit_code, 0) << info.err;
  EXPECT_EQ(info_value(info.out, "snr"), "40.0 dB");
  EXPECT_EQ(info_value(info.out, "  noise"), "0.01");
  EXPECT_LT(std::stod(info_value(info.out, "noise")), 1e-3);

  const CommandResult paper = generate(dir / "abs", {"--problem", "rectangular", "--operator", "completion", "--n",
                                                     "20", "--n2", "30", "--rank", "3", "--fraction", "0.2",
                                                     "--noise-abs", "0.01"});
  ASSERT_EQ(paper.exit_code, 0) << paper.err;
  const double snr = std::stod(info_value(run_snnsense({"info", (dir / "abs").string()}).out, "snr"));
  EXPECT_LT(snr, 10.0);  // the absolute 0.01 is about half the RMS of the entries (7.4 dB)
}

// Problem directories written before the noise became relative hold only "noise" in problem.json
// and in its provenance: they still load, and info states their SNR.
TEST(CliInfo, OlderProblemDirectoriesStillLoadAndStateTheirSnr) {
  TempDir dir;
  ASSERT_EQ(generate(dir / "p", {"--noise-abs", "0.01"}).exit_code, 0);
  nlohmann::json manifest = read_json(dir / "p" / "problem.json");
  manifest["provenance"].erase("noise_abs");
  manifest["provenance"]["noise"] = 0.01;
  write_json(dir / "p" / "problem.json", manifest);
  const CommandResult info = run_snnsense({"info", (dir / "p").string()});
  ASSERT_EQ(info.exit_code, 0) << info.err;
  EXPECT_EQ(info_value(info.out, "noise"), "0.01");
  EXPECT_TRUE(info_value(info.out, "snr").ends_with(" dB")) << info.out;
  fs::remove(dir / "p" / "x_true.npy");
  manifest["has_x_true"] = false;
  write_json(dir / "p" / "problem.json", manifest);
  EXPECT_TRUE(info_value(run_snnsense({"info", (dir / "p").string()}).out, "snr").ends_with("dB (estimated from y)"));
}
