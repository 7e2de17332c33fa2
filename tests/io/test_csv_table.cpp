#include <gtest/gtest.h>

#include <cmath>
#include <fstream>

#include "snnsense/core/error.hpp"
#include "snnsense/io/csv_table.hpp"
#include "temp_dir.hpp"

using namespace snnsense;

TEST(CsvTable, ReadsNumbersAndEmptyCells) {
  snnsense::testing::TempDir dir;
  const auto file = dir.path() / "t.csv";
  std::ofstream(file) << "iteration,loss,psnr\n0,1.5,\n10,0.25,30\n";
  const CsvTable t = read_csv_table(file);
  ASSERT_EQ(t.names.size(), 3u);
  EXPECT_EQ(t.column("iteration"), (std::vector<double>{0, 10}));
  EXPECT_EQ(t.column("loss")[1], 0.25);
  EXPECT_TRUE(std::isnan(t.column("psnr")[0]));
  EXPECT_EQ(t.column("psnr")[1], 30);
  EXPECT_THROW(t.column("missing"), FileError);
}

TEST(CsvTable, MalformedFilesNameTheFault) {
  snnsense::testing::TempDir dir;
  const auto file = dir.path() / "bad.csv";
  std::ofstream(file) << "a,b\n1,x\n";
  const CsvTable t = read_csv_table(file);
  EXPECT_EQ(t.text_column("b")[0], "x");
  try {
    t.column("b");
    FAIL();
  } catch (const FileError& e) {
    EXPECT_NE(std::string(e.what()).find("bad.csv"), std::string::npos);
    EXPECT_NE(std::string(e.what()).find("not a number"), std::string::npos);
  }
  std::ofstream(file) << "a,b\n1\n";
  EXPECT_THROW(read_csv_table(file), FileError);
  EXPECT_THROW(read_csv_table(dir.path() / "none.csv"), FileError);
}
