#include <gtest/gtest.h>
#include <unistd.h>

#include <string>

#include "snnsense/core/error.hpp"
#include "snnsense/io/staging_directory.hpp"
#include "temp_dir.hpp"

using namespace snnsense;
using snnsense::testing::read_bytes;
using snnsense::testing::TempDir;
using snnsense::testing::write_bytes;
namespace fs = std::filesystem;

namespace {

int entries(const fs::path& folder) {
  int count = 0;
  for ([[maybe_unused]] const auto& entry : fs::directory_iterator(folder)) ++count;
  return count;
}

}  // namespace

TEST(StagingDirectory, StagesHiddenSiblingAndCommits) {
  TempDir dir;
  const auto out = dir / "run";
  {
    StagingDirectory staging(out, false);
    EXPECT_EQ(staging.path().parent_path(), dir.path());
    EXPECT_EQ(staging.path().filename().string().rfind(".run.tmp-", 0), 0u);
    EXPECT_TRUE(fs::is_directory(staging.path()));
    EXPECT_FALSE(fs::exists(out));
    write_bytes(staging.path() / "result.txt", "done");
    staging.commit();
  }
  EXPECT_EQ(read_bytes(out / "result.txt"), "done");
  EXPECT_EQ(entries(dir.path()), 1);
}

TEST(StagingDirectory, AbandonedIsRemoved) {
  TempDir dir;
  {
    StagingDirectory staging(dir / "run", false);
    write_bytes(staging.path() / "partial.txt", "half");
  }
  EXPECT_EQ(entries(dir.path()), 0);
}

TEST(StagingDirectory, ExistingWithoutForceIsAnInputError) {
  TempDir dir;
  fs::create_directory(dir / "run");
  try {
    StagingDirectory staging(dir / "run", false);
    FAIL() << "no InputError";
  } catch (const InputError& e) {
    EXPECT_EQ(std::string(e.what()), (dir / "run").string() + ": already exists (use --force to replace it)");
  }
  EXPECT_EQ(entries(dir.path()), 1);
}

TEST(StagingDirectory, ForceReplacesOnCommitOnly) {
  TempDir dir;
  const auto out = dir / "run";
  fs::create_directory(out);
  write_bytes(out / "old.txt", "old");
  {
    StagingDirectory staging(out, true);
    write_bytes(staging.path() / "new.txt", "new");
    EXPECT_TRUE(fs::exists(out / "old.txt"));  // still there until commit
    staging.commit();
  }
  EXPECT_FALSE(fs::exists(out / "old.txt"));
  EXPECT_EQ(read_bytes(out / "new.txt"), "new");
  EXPECT_EQ(entries(dir.path()), 1);
}

TEST(StagingDirectory, ForceReplacesAFile) {
  TempDir dir;
  write_bytes(dir / "run", "a file in the way");
  {
    StagingDirectory staging(dir / "run", true);
    staging.commit();
  }
  EXPECT_TRUE(fs::is_directory(dir / "run"));
  EXPECT_EQ(entries(dir.path()), 1);
}

TEST(StagingDirectory, ForceAbandonedKeepsTheOld) {
  TempDir dir;
  fs::create_directory(dir / "run");
  write_bytes(dir / "run/old.txt", "old");
  { StagingDirectory staging(dir / "run", true); }
  EXPECT_EQ(read_bytes(dir / "run/old.txt"), "old");
  EXPECT_EQ(entries(dir.path()), 1);
}

TEST(StagingDirectory, TrailingSeparatorNamesTheDirectory) {
  TempDir dir;
  {
    StagingDirectory staging(dir.path().string() + "/run/", false);
    staging.commit();
  }
  EXPECT_TRUE(fs::is_directory(dir / "run"));
}

TEST(StagingDirectory, MissingParentIsAFileErrorNamingIt) {
  TempDir dir;
  const auto parent = dir / "missing";
  try {
    StagingDirectory staging(parent / "run", false);
    FAIL() << "no FileError";
  } catch (const FileError& e) {
    EXPECT_EQ(std::string(e.what()).rfind(parent.string() + ": ", 0), 0u) << e.what();
  }
}

TEST(StagingDirectory, ParentThatIsAFileIsAFileError) {
  TempDir dir;
  write_bytes(dir / "plain", "x");
  EXPECT_THROW(StagingDirectory(dir / "plain/run", false), FileError);
}

TEST(StagingDirectory, UnwritableParentIsAFileErrorNamingIt) {
  if (::geteuid() == 0) GTEST_SKIP() << "root can write anywhere";
  TempDir dir;
  const auto parent = dir / "locked";
  fs::create_directory(parent);
  fs::permissions(parent, fs::perms::owner_read | fs::perms::owner_exec);
  try {
    StagingDirectory staging(parent / "run", false);
    ADD_FAILURE() << "no FileError";
  } catch (const FileError& e) {
    EXPECT_EQ(std::string(e.what()).rfind(parent.string() + ": not writable", 0), 0u) << e.what();
  }
  fs::permissions(parent, fs::perms::owner_all);
}

TEST(StagingDirectory, CommitWithoutForceRefusesADirectoryThatAppearedMeanwhile) {
  TempDir dir;
  StagingDirectory staging(dir / "run", false);
  fs::create_directory(dir / "run");
  EXPECT_THROW(staging.commit(), InputError);
}

// A SIGKILL leaves the staging directory behind; the next writer of the same output removes it,
// and only it: a live process's (a concurrent writer's) and another host's are left alone.
TEST(StagingDirectory, TheNextWriterRemovesWhatAKilledOneLeftBehind) {
  TempDir dir;
  const std::string gone = snnsense::testing::gone_process_tag();  // "<pid>@<host>-"
  const std::string gone_pid = gone.substr(0, gone.find('@')), here = gone.substr(gone.find('@'));
  const fs::path abandoned = dir / (".run.tmp-" + gone + "abcdef");
  const fs::path live = dir / (".run.tmp-" + std::to_string(::getppid()) + here + "ghijkl");
  const fs::path elsewhere = dir / (".run.tmp-" + gone_pid + "@another-host-mnopqr");
  const fs::path other_output = dir / (".runs.tmp-" + gone + "stuvwx");
  for (const fs::path& folder : {abandoned, live, elsewhere, other_output}) {
    fs::create_directory(folder);
    write_bytes(folder / "params.npy", "partial");
  }
  {
    StagingDirectory staging(dir / "run", false);
    EXPECT_FALSE(fs::exists(abandoned));
    EXPECT_TRUE(fs::exists(live));
    EXPECT_TRUE(fs::exists(elsewhere));
    EXPECT_TRUE(fs::exists(other_output));
    staging.commit();
  }
  EXPECT_EQ(entries(dir.path()), 4);  // run and the three left alone
}
