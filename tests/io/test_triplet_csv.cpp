// CSV triplet files: header detection, delimiters, ids kept as written, and one line naming the
// file, the line and the fault for every bad row.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "snnsense/core/error.hpp"
#include "snnsense/io/triplet_csv.hpp"
#include "snnsense/io/triplets.hpp"
#include "temp_dir.hpp"
#include "triplet_error.hpp"

using namespace snnsense;
using snnsense::testing::file_error_message;
using snnsense::testing::TempDir;
using snnsense::testing::write_bytes;

namespace {

Triplets read_text(const TempDir& dir, const std::string& text, const std::string& name = "data.csv") {
  write_bytes(dir / name, text);
  return read_triplet_csv(dir / name);
}

std::string error_of(const TempDir& dir, const std::string& text) {
  write_bytes(dir / "bad.csv", text);
  return file_error_message([&] { read_triplet_csv(dir / "bad.csv"); });
}

}  // namespace

TEST(TripletCsv, ReadsEntriesWithTheirLinesAndIdsAsWritten) {
  TempDir dir;
  const Triplets t = read_text(dir, "17,2571,4.5\n\n-3,0,-1e-3\r\n9000000000,+5,0\n");
  EXPECT_FALSE(t.header);
  EXPECT_EQ(t.delimiter, ',');
  EXPECT_EQ(t.format, TripletFormat::csv);
  EXPECT_EQ(t.rows, (std::vector<std::int64_t>{17, -3, 9000000000}));
  EXPECT_EQ(t.cols, (std::vector<std::int64_t>{2571, 0, 5}));
  EXPECT_EQ(t.values, (std::vector<double>{4.5, -1e-3, 0.0}));
  EXPECT_EQ(t.lines, (std::vector<std::int64_t>{1, 3, 4}));
  EXPECT_FALSE(t.shape);
}

TEST(TripletCsv, AFirstLineWithoutNumbersIsAHeader) {
  TempDir dir;
  const Triplets t = read_text(dir, "userId, movieId ,rating\n1,2,3\n");
  EXPECT_TRUE(t.header);
  EXPECT_EQ(t.size(), 1u);
  EXPECT_EQ(t.lines, (std::vector<std::int64_t>{2}));
  // A first line with one number in it is data, and a bad one.
  EXPECT_EQ(error_of(dir, "1,2,x\n3,4,5\n"), (dir / "bad.csv").string() + ":1: value 'x' is not a number");
}

TEST(TripletCsv, TabsAndSpacesSeparateWhenThereIsNoComma) {
  TempDir dir;
  const Triplets t = read_text(dir, "user\titem\trating\n  1\t2   3.5\n4 5 6\n");
  EXPECT_TRUE(t.header);
  EXPECT_EQ(t.delimiter, ' ');
  EXPECT_EQ(t.rows, (std::vector<std::int64_t>{1, 4}));
  EXPECT_EQ(t.values, (std::vector<double>{3.5, 6.0}));
}

TEST(TripletCsv, ABadRowIsOneLineNamingFileLineAndFault) {
  TempDir dir;
  const std::string file = (dir / "bad.csv").string();
  EXPECT_EQ(error_of(dir, "1,2,3\n1,2\n"), file + ":2: expected 3 fields (row, col, value), got 2");
  EXPECT_EQ(error_of(dir, "1,2,3\n1,2,3,4\n"), file + ":2: expected 3 fields (row, col, value), got 4");
  EXPECT_EQ(error_of(dir, "r,c,v\n1,2,3\nx,2,3\n"), file + ":3: row id 'x' is not an integer");
  EXPECT_EQ(error_of(dir, "1,2.5,3\n"), file + ":1: column id '2.5' is not an integer");
  EXPECT_EQ(error_of(dir, "1,99999999999999999999,3\n"), file + ":1: column id '99999999999999999999' is out of the 64-bit integer range");
  EXPECT_EQ(error_of(dir, "1,2,3\n\n4,5,nan\n"), file + ":3: value 'nan' is not finite");
  EXPECT_EQ(error_of(dir, "1,2,-inf\n"), file + ":1: value '-inf' is not finite");
  EXPECT_EQ(error_of(dir, "1,2,1e999\n"), file + ":1: value '1e999' is out of the range of a double");
  EXPECT_EQ(error_of(dir, "1,2,\n"), file + ":1: value '' is not a number");
}

TEST(TripletCsv, EmptyAndMissingFilesAreRefused) {
  TempDir dir;
  const std::string file = (dir / "bad.csv").string();
  EXPECT_EQ(error_of(dir, ""), file + ": empty file (expected lines of row,col,value)");
  EXPECT_EQ(error_of(dir, "\n  \n"), file + ": empty file (expected lines of row,col,value)");
  EXPECT_EQ(error_of(dir, "row,col,value\n"), file + ": no entries, only a header line");
  const std::string missing = (dir / "missing.csv").string();
  EXPECT_EQ(file_error_message([&] { read_triplet_csv(missing); }), missing + ": cannot open: No such file or directory");
}

TEST(TripletCsv, ReadTripletsTellsCsvFromMatrixMarketByTheBanner) {
  TempDir dir;
  write_bytes(dir / "a.mtx", "1,1,2\n");
  EXPECT_EQ(read_triplets(dir / "a.mtx").format, TripletFormat::csv);
  write_bytes(dir / "b.txt", "%%MatrixMarket matrix coordinate real general\n1 1 1\n1 1 2\n");
  EXPECT_EQ(read_triplets(dir / "b.txt").format, TripletFormat::matrix_market);
}

TEST(TripletCsv, EntryFilesHaveTwoFieldsAndTheSameRules) {
  TempDir dir;
  write_bytes(dir / "entries.csv", "user,item\n17, 3\n\n2,40\n");
  const Triplets t = read_entry_csv(dir / "entries.csv");
  EXPECT_TRUE(t.header);
  EXPECT_EQ(t.rows, (std::vector<std::int64_t>{17, 2}));
  EXPECT_EQ(t.cols, (std::vector<std::int64_t>{3, 40}));
  EXPECT_EQ(t.lines, (std::vector<std::int64_t>{2, 4}));
  EXPECT_TRUE(t.values.empty());
  EXPECT_EQ(t.size(), 2u);
  const std::string file = (dir / "bad.csv").string();
  write_bytes(dir / "bad.csv", "1,2\n1,2,3\n");
  EXPECT_EQ(file_error_message([&] { read_entry_csv(dir / "bad.csv"); }), file + ":2: expected 2 fields (row, col), got 3");
  write_bytes(dir / "bad.csv", "row,col\n");
  EXPECT_EQ(file_error_message([&] { read_entry_csv(dir / "bad.csv"); }), file + ": no entries, only a header line");
}

TEST(TripletCsv, ChosenColumnsReadWiderFilesSuchAsRatingsWithTimestamps) {
  TempDir dir;
  write_bytes(dir / "ratings.csv", "userId,movieId,rating,timestamp\n1,31,2.5,1260759144\n7,1029,3,1260759179\n");
  const Triplets t = read_triplet_csv(dir / "ratings.csv", CsvColumns::parse("1,2,3"));
  EXPECT_TRUE(t.header);
  EXPECT_EQ(t.rows, (std::vector<std::int64_t>{1, 7}));
  EXPECT_EQ(t.cols, (std::vector<std::int64_t>{31, 1029}));
  EXPECT_EQ(t.values, (std::vector<double>{2.5, 3.0}));
  // Any order of the fields: here the value first and the ids last.
  write_bytes(dir / "swapped.tsv", "0.5\t9\t4\t2\n");
  const Triplets s = read_triplet_csv(dir / "swapped.tsv", CsvColumns::parse("4,3,1"));
  EXPECT_EQ(s.rows, (std::vector<std::int64_t>{2}));
  EXPECT_EQ(s.cols, (std::vector<std::int64_t>{4}));
  EXPECT_EQ(s.values, (std::vector<double>{0.5}));
  // Without --columns the file must have three fields, and every line as many as the first.
  const std::string file = (dir / "ratings.csv").string();
  EXPECT_EQ(file_error_message([&] { read_triplet_csv(dir / "ratings.csv"); }),
            file + ":1: expected 3 fields (row, col, value), got 4");
  write_bytes(dir / "ragged.csv", "1,2,3,4\n1,2,3\n");
  EXPECT_EQ(file_error_message([&] { read_triplet_csv(dir / "ragged.csv", CsvColumns::parse("1,2,3")); }),
            (dir / "ragged.csv").string() + ":2: expected 4 fields (as the first line), got 3");
  EXPECT_EQ(file_error_message([&] { read_triplet_csv(dir / "ragged.csv", CsvColumns::parse("1,2,5")); }),
            (dir / "ragged.csv").string() + ":1: --columns names field 5, but the line has 4");
  write_bytes(dir / "m.mtx", "%%MatrixMarket matrix coordinate real general\n1 1 1\n1 1 2\n");
  EXPECT_NE(file_error_message([&] { read_triplets(dir / "m.mtx", CsvColumns::parse("1,2,3")); }).find("--columns"),
            std::string::npos);
  for (const char* bad : {"1,2", "1,1,3", "0,1,2", "a,b,c", "1,2,3,4", ""})
    EXPECT_THROW(CsvColumns::parse(bad), InputError) << bad;
}
