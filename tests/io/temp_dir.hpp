#pragma once
// Shared by the io tests: a scratch folder per test, and a way to let numpy check our files.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <string>

#include "snnsense/core/error.hpp"

namespace snnsense::testing {

// A fresh folder named after the running test, removed afterwards, so tests can run in parallel.
class TempDir {
 public:
  TempDir() {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    const std::string name = std::string("snnsense-") + info->test_suite_name() + "-" + info->name() + "-" +
                             std::to_string(::getpid()) + "-" + std::to_string(std::random_device{}());
    path_ = std::filesystem::temp_directory_path() / name;
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

// Runs a Python script with the system interpreter (the one with numpy), from a file so that no
// shell quoting gets in the way; returns its exit status.
inline int run_python(const std::filesystem::path& folder, const std::string& script) {
  const auto file = folder / "script.py";
  std::ofstream(file) << script;
  const std::string command = "/usr/bin/python3 '" + file.string() + "'";
  const int status = std::system(command.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// "<pid>@<host>-" of a process that has exited and been reaped on this host, as the hidden names of
// io/hidden_sibling record it: what a SIGKILLed writer leaves behind.
inline std::string gone_process_tag() {
  const pid_t child = ::fork();
  if (child == 0) ::_exit(0);
  EXPECT_GT(child, 0);
  EXPECT_EQ(::waitpid(child, nullptr, 0), child);
  char host[256] = {};
  EXPECT_EQ(::gethostname(host, sizeof host - 1), 0);
  return std::to_string(child) + "@" + host + "-";
}

inline void write_bytes(const std::filesystem::path& file, const std::string& bytes) {
  std::ofstream(file, std::ios::binary) << bytes;
}

inline std::string read_bytes(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// A read of `file` must fail with one FileError line that starts with the file's path and names
// the fault.
template <typename F>
void expect_file_error(const std::filesystem::path& file, const std::string& fault, F&& read) {
  try {
    read();
    ADD_FAILURE() << "no FileError for " << fault;
  } catch (const FileError& e) {
    const std::string message = e.what();
    EXPECT_EQ(message.rfind(file.string() + ": ", 0), 0u) << message;
    EXPECT_NE(message.find(fault), std::string::npos) << message;
    EXPECT_EQ(message.find('\n'), std::string::npos) << message;
  }
}

}  // namespace snnsense::testing
