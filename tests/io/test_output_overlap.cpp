// An output must not be, contain or lie inside an input, however the paths are spelled.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "snnsense/core/error.hpp"
#include "snnsense/io/output_overlap.hpp"
#include "temp_dir.hpp"

using namespace snnsense;
using snnsense::testing::TempDir;
namespace fs = std::filesystem;

namespace {

// The refusal's message, or "" when the output is allowed.
std::string refusal(const fs::path& output, const fs::path& input) {
  try {
    refuse_output_over_inputs({"--out", output}, {{"--problem", input}});
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

class OutputOverlap : public ::testing::Test {
 protected:
  void SetUp() override {
    fs::create_directories(dir_ / "scratch" / "p");
    std::ofstream(dir_ / "scratch" / "p" / "problem.json") << "{}";
    fs::create_directories(dir_ / "other");
  }
  TempDir dir_;
};

}  // namespace

TEST_F(OutputOverlap, RefusesTheInputItselfAFolderAboveItAndAPlaceInsideIt) {
  const fs::path p = dir_ / "scratch" / "p";
  EXPECT_NE(refusal(p, p).find(": is the --problem directory"), std::string::npos) << refusal(p, p);
  EXPECT_NE(refusal(dir_ / "scratch", p).find(": contains the --problem directory"), std::string::npos);
  EXPECT_NE(refusal(p / "run", p).find(": lies inside the --problem directory"), std::string::npos);
  EXPECT_NE(refusal(p / "problem.json", p / "problem.json").find("the --problem file"), std::string::npos);
  const std::string message = refusal(p, p);
  EXPECT_EQ(message.rfind("--out " + p.string() + ": ", 0), 0u) << message;
  EXPECT_EQ(message.find('\n'), std::string::npos);
}

TEST_F(OutputOverlap, AllowsSiblingsAndNamesThatOnlyShareAPrefix) {
  const fs::path p = dir_ / "scratch" / "p";
  EXPECT_EQ(refusal(dir_ / "other", p), "");
  EXPECT_EQ(refusal(dir_ / "scratch" / "p2", p), "");
  EXPECT_EQ(refusal(dir_ / "scratch" / "run", p), "");
  EXPECT_EQ(refusal(dir_ / "scratch" / "p2", ""), "");  // an input not given is skipped
}

TEST_F(OutputOverlap, SeesThroughDotDotRelativePathsAndSymlinks) {
  const fs::path p = dir_ / "scratch" / "p";
  EXPECT_NE(refusal(dir_ / "other" / ".." / "scratch", p), "");
  EXPECT_NE(refusal(dir_ / "scratch" / "p" / "", p), "");  // trailing separator
  fs::create_directory_symlink(p, dir_ / "link-to-p");
  EXPECT_NE(refusal(dir_ / "link-to-p", p), "");         // the output resolves to the input
  EXPECT_NE(refusal(p, dir_ / "link-to-p"), "");         // the input is reached through a link
  EXPECT_NE(refusal(dir_.path(), dir_ / "link-to-p"), "");      // replacing the folder removes the link
  fs::create_directory_symlink(dir_ / "scratch", dir_ / "link-to-scratch");
  EXPECT_NE(refusal(dir_ / "link-to-scratch" / "p" / "run", p), "");  // inside, through a linked folder
  const fs::path cwd = fs::current_path();
  fs::current_path(dir_ / "scratch");
  const std::string relative = refusal("p", p);
  fs::current_path(cwd);
  EXPECT_NE(relative, "");
}
