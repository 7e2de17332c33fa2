#include <gtest/gtest.h>

#include <string>

#include "snnsense/core/error.hpp"
#include "snnsense/io/json_file.hpp"
#include "temp_dir.hpp"

using namespace snnsense;
using snnsense::testing::read_bytes;
using snnsense::testing::TempDir;
using snnsense::testing::write_bytes;

namespace {

std::string file_error_message(const std::filesystem::path& file) {
  try {
    read_json(file);
  } catch (const FileError& e) {
    return e.what();
  }
  ADD_FAILURE() << "no FileError for " << file;
  return "";
}

}  // namespace

TEST(JsonFile, RoundTrip) {
  TempDir dir;
  const nlohmann::json value = {
      {"rank", 3}, {"lr", 0.125}, {"name", "snn"}, {"dims", {4, 5}}, {"none", nullptr}};
  write_json(dir / "a.json", value);
  EXPECT_EQ(read_json(dir / "a.json"), value);
}

TEST(JsonFile, PrettyPrintedWithIndent2) {
  TempDir dir;
  write_json(dir / "a.json", {{"a", 1}});
  EXPECT_EQ(read_bytes(dir / "a.json"), "{\n  \"a\": 1\n}\n");
}

TEST(JsonFile, InvalidUtf8IsReplacedNotFatal) {
  TempDir dir;
  write_json(dir / "a.json", {{"label", std::string("bad \xff byte")}});
  EXPECT_EQ(read_json(dir / "a.json")["label"], "bad \xEF\xBF\xBD byte");
}

TEST(JsonFile, MissingFile) {
  TempDir dir;
  const auto file = dir / "absent.json";
  EXPECT_EQ(file_error_message(file).rfind(file.string() + ": cannot open", 0), 0u);
}

TEST(JsonFile, MalformedNamesLineAndColumn) {
  TempDir dir;
  const auto file = dir / "bad.json";
  write_bytes(file, "{\n  \"a\": 1,\n  \"b\": trux\n}\n");
  const std::string message = file_error_message(file);
  EXPECT_EQ(message.rfind(file.string() + ": malformed JSON: ", 0), 0u) << message;
  EXPECT_NE(message.find("line 3"), std::string::npos) << message;
  EXPECT_EQ(message.find("[json.exception"), std::string::npos) << message;
  EXPECT_EQ(message.find('\n'), std::string::npos) << message;
}

TEST(JsonFile, EmptyFileIsMalformed) {
  TempDir dir;
  write_bytes(dir / "empty.json", "");
  EXPECT_NE(file_error_message(dir / "empty.json").find("malformed JSON"), std::string::npos);
}

// Found by the fuzzer: a number beyond a double's range is nlohmann's out_of_range, not a
// parse_error, and escaped as a foreign exception. It is a malformed file like any other.
TEST(JsonFile, NumberOutOfRangeIsMalformed) {
  TempDir dir;
  write_bytes(dir / "huge.json", "{\"lr\": 7e7777777777777772777777}");
  const std::string message = file_error_message(dir / "huge.json");
  EXPECT_NE(message.find("malformed JSON: number overflow"), std::string::npos) << message;
}
