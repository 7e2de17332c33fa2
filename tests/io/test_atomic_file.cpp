#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

#include "snnsense/core/error.hpp"
#include "snnsense/io/atomic_file.hpp"
#include "temp_dir.hpp"

using namespace snnsense;
using snnsense::testing::read_bytes;
using snnsense::testing::TempDir;
using snnsense::testing::write_bytes;

namespace {

int entries(const std::filesystem::path& folder) {
  int count = 0;
  for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(folder)) ++count;
  return count;
}

}  // namespace

TEST(AtomicFile, WritesAndReplaces) {
  TempDir dir;
  write_file_atomically(dir / "a.txt", [](std::ostream& out) { out << "first"; });
  EXPECT_EQ(read_bytes(dir / "a.txt"), "first");
  write_file_atomically(dir / "a.txt", [](std::ostream& out) { out << "second"; });
  EXPECT_EQ(read_bytes(dir / "a.txt"), "second");
  EXPECT_EQ(entries(dir.path()), 1);
}

TEST(AtomicFile, DurableWritesAndReplacesTheSameWay) {
  // The flushes to the disk (checkpoints) change nothing a reader sees, and leave no temporary.
  TempDir dir;
  write_file_atomically(dir / "a.bin", [](std::ostream& out) { out << "first"; }, true);
  write_file_atomically(dir / "a.bin", [](std::ostream& out) { out << "second"; }, true);
  EXPECT_EQ(read_bytes(dir / "a.bin"), "second");
  EXPECT_EQ(entries(dir.path()), 1);
}

TEST(AtomicFile, FailedWriteLeavesTheOldFile) {
  TempDir dir;
  write_bytes(dir / "a.txt", "old");
  EXPECT_THROW(write_file_atomically(dir / "a.txt",
                                     [](std::ostream& out) {
                                       out << "half of the new";
                                       throw std::runtime_error("interrupted");
                                     }),
               std::runtime_error);
  EXPECT_EQ(read_bytes(dir / "a.txt"), "old");
  EXPECT_EQ(entries(dir.path()), 1);
}

TEST(AtomicFile, FailedStreamIsAFileError) {
  TempDir dir;
  EXPECT_THROW(
      write_file_atomically(dir / "a.txt", [](std::ostream& out) { out.setstate(std::ios::badbit); }),
      FileError);
  EXPECT_EQ(entries(dir.path()), 0);
}

TEST(AtomicFile, MissingFolderIsAFileErrorNamingTheFile) {
  TempDir dir;
  const auto file = dir / "missing/a.txt";
  try {
    write_file_atomically(file, [](std::ostream& out) { out << "x"; });
    FAIL() << "no FileError";
  } catch (const FileError& e) {
    EXPECT_EQ(std::string(e.what()).rfind(file.string() + ": cannot write", 0), 0u) << e.what();
  }
}

TEST(AtomicFile, ReplacingADirectoryFails) {
  TempDir dir;
  std::filesystem::create_directory(dir / "d");
  std::filesystem::create_directory(dir / "d/inside");
  EXPECT_THROW(write_file_atomically(dir / "d", [](std::ostream& out) { out << "x"; }), FileError);
  EXPECT_TRUE(std::filesystem::is_directory(dir / "d/inside"));
  EXPECT_EQ(entries(dir.path()), 1);
}

// A temporary file a killed writer left beside its target goes with the next write of that target.
TEST(AtomicFile, TheNextWriteRemovesAKilledWritersTemporary) {
  TempDir dir;
  const auto abandoned = dir / (".out.csv.tmp-" + snnsense::testing::gone_process_tag() + "abcdef");
  write_bytes(abandoned, "half a file");
  write_file_atomically(dir / "out.csv", [](std::ostream& out) { out << "whole"; });
  EXPECT_FALSE(std::filesystem::exists(abandoned));
  EXPECT_EQ(read_bytes(dir / "out.csv"), "whole");
  EXPECT_EQ(entries(dir.path()), 1);
}
