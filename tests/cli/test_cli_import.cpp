// `snnsense import` as a user runs it on files they have: CSV triplets (with or without a header,
// labels or 0/1-based positions), a Matrix Market file written by scipy, a held-out file; every bad
// row is one line naming the file, the line and the fault, with nothing written; the imported
// directory trains.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <tuple>
#include <vector>

#include "../io/temp_dir.hpp"
#include "cli_test_support.hpp"
#include "snnsense/io/json_file.hpp"
#include "snnsense/io/npy.hpp"

using namespace snnsense;
using snnsense::testing::CommandResult;
using snnsense::testing::expect_one_line_error;
using snnsense::testing::run_python;
using snnsense::testing::run_snnsense;
using snnsense::testing::TempDir;
using snnsense::testing::write_bytes;
namespace fs = std::filesystem;

namespace {

std::vector<std::string> entries(const fs::path& dir) {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(dir)) names.push_back(entry.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (std::size_t end; (end = text.find('\n', start)) != std::string::npos; start = end + 1)
    out.push_back(text.substr(start, end - start));
  return out;
}

std::vector<std::int64_t> indices(const fs::path& file) {
  const IndexVector v = npy::read_index_vector(file);
  return {v.data(), v.data() + v.size()};
}

CommandResult import(const fs::path& file, const fs::path& out, std::vector<std::string> options = {}) {
  options.insert(options.begin(), {"import", file.string(), "--out", out.string()});
  return run_snnsense(options);
}

// The bad-row contract: exit 2, one line "snnsense: <file>:<line>: <fault>", and no directory
// (nor a staging sibling) left behind.
void expect_refused(const TempDir& dir, const std::string& text, const std::string& message,
                    std::vector<std::string> options = {}) {
  SCOPED_TRACE(text);
  write_bytes(dir / "bad.csv", text);
  const CommandResult result = import(dir / "bad.csv", dir / "out", options);
  expect_one_line_error(result, "");
  EXPECT_EQ(result.err, "snnsense: " + message + "\n");
  EXPECT_FALSE(fs::exists(dir / "out"));
  EXPECT_EQ(entries(dir.path()), (std::vector<std::string>{"bad.csv"}));
}

}  // namespace

TEST(CliImport, CsvWithHeaderAndLabelIdsMakesAProblemDirectory) {
  TempDir dir;
  write_bytes(dir / "ratings.csv", "userId,movieId,rating\n943,1682,3\n1,50,5\n943,50,0\n20,1682,4.5\n");
  const CommandResult made = import(dir / "ratings.csv", dir / "p", {"--test-fraction", "0.25", "--seed", "1"});
  ASSERT_EQ(made.exit_code, 0) << made.err;
  EXPECT_EQ(made.err, "");
  const std::string path = (dir / "ratings.csv").string(), out = (dir / "p").string();
  EXPECT_EQ(lines(made.out), (std::vector<std::string>{
                                 "read " + path + ": CSV, comma-separated, header line skipped, 4 entries",
                                 "rows: 3 distinct ids (1..943) mapped to 0..2 in sorted order",
                                 "columns: 2 distinct ids (50..1682) mapped to 0..1 in sorted order",
                                 "wrote " + out + ": completion 3 x 2, 3 train + 1 test entries (held out at random: "
                                 "--test-fraction 0.25, seed 1), ids in row_ids.npy and col_ids.npy"}));
  EXPECT_EQ(entries(dir / "p"), (std::vector<std::string>{"col_ids.npy", "cols.npy", "problem.json", "row_ids.npy",
                                                          "rows.npy", "y.npy"}));
  EXPECT_EQ(indices(dir / "p" / "row_ids.npy"), (std::vector<std::int64_t>{1, 20, 943}));
  EXPECT_EQ(indices(dir / "p" / "col_ids.npy"), (std::vector<std::int64_t>{50, 1682}));
  const nlohmann::json manifest = read_json(dir / "p" / "problem.json");
  EXPECT_EQ(manifest["operator"], "completion");
  EXPECT_EQ(manifest["shape"], nlohmann::json::array({3, 2}));
  EXPECT_EQ(manifest["has_x_true"], false);
  EXPECT_EQ(manifest["provenance"]["source"], path);
  EXPECT_EQ(manifest["provenance"]["format"], "csv");
  EXPECT_EQ(manifest["provenance"]["index_base"], "labels");
  EXPECT_EQ(manifest["provenance"]["entries"], 4);

  // Every entry is in rows/cols/y once, at its mapped position, whichever part it fell in.
  const std::vector<std::int64_t> rows = indices(dir / "p" / "rows.npy"), cols = indices(dir / "p" / "cols.npy");
  const Vector y = npy::read_vector(dir / "p" / "y.npy");
  std::vector<std::tuple<std::int64_t, std::int64_t, double>> seen;
  for (std::size_t i = 0; i < rows.size(); ++i) seen.emplace_back(rows[i], cols[i], y(static_cast<Index>(i)));
  std::sort(seen.begin(), seen.end());
  EXPECT_EQ(seen, (std::vector<std::tuple<std::int64_t, std::int64_t, double>>{{0, 0, 5}, {1, 1, 4.5}, {2, 0, 0}, {2, 1, 3}}));

  const CommandResult info = run_snnsense({"info", out});
  EXPECT_EQ(info.exit_code, 0) << info.err;

  // The same seed gives the same files; --force replaces, and without it an existing --out is refused.
  const CommandResult again = import(dir / "ratings.csv", dir / "p", {"--test-fraction", "0.25", "--seed", "1"});
  EXPECT_EQ(again.exit_code, 2);
  EXPECT_NE(again.err.find(out), std::string::npos) << again.err;
  const std::string before = snnsense::testing::read_bytes(dir / "p" / "y.npy");
  ASSERT_EQ(import(dir / "ratings.csv", dir / "p", {"--test-fraction", "0.25", "--seed", "1", "--force"}).exit_code, 0);
  EXPECT_EQ(snnsense::testing::read_bytes(dir / "p" / "y.npy"), before);
}

TEST(CliImport, ColumnsPickTheFieldsOfARatingsFileWithTimestamps) {
  TempDir dir;
  write_bytes(dir / "ratings.csv", "userId,movieId,rating,timestamp\n1,31,2.5,1260759144\n7,1029,3,1260759179\n"
                                   "7,31,4,1260759185\n");
  const CommandResult made = import(dir / "ratings.csv", dir / "p", {"--columns", "1,2,3", "--test-fraction", "0"});
  ASSERT_EQ(made.exit_code, 0) << made.err;
  EXPECT_EQ(indices(dir / "p" / "row_ids.npy"), (std::vector<std::int64_t>{1, 7}));
  EXPECT_EQ(indices(dir / "p" / "col_ids.npy"), (std::vector<std::int64_t>{31, 1029}));
  Vector y = npy::read_vector(dir / "p" / "y.npy");
  std::sort(y.begin(), y.end());
  EXPECT_EQ(y, (Vector(3) << 2.5, 3, 4).finished());
  // Without --columns the fourth field is a fault of the file, named with its line.
  expect_one_line_error(import(dir / "ratings.csv", dir / "q"),
                        (dir / "ratings.csv").string() + ":1: expected 3 fields (row, col, value), got 4");
  expect_one_line_error(import(dir / "ratings.csv", dir / "q", {"--columns", "1,2"}), "--columns must be R,C,V");
  EXPECT_FALSE(fs::exists(dir / "q"));
}

TEST(CliImport, ZeroAndOneBasedPositionsWithoutHeader) {
  TempDir dir;
  write_bytes(dir / "z.csv", "0\t0\t1.5\n3\t1\t-2\n");
  CommandResult made = import(dir / "z.csv", dir / "z", {"--index-base", "0", "--test-fraction", "0"});
  ASSERT_EQ(made.exit_code, 0) << made.err;
  EXPECT_EQ(lines(made.out)[0], "read " + (dir / "z.csv").string() + ": CSV, whitespace-separated, no header, 2 entries");
  EXPECT_EQ(lines(made.out)[1], "rows: ids are 0-based positions, 4 rows (the largest id is 3)");
  EXPECT_EQ(read_json(dir / "z" / "problem.json")["shape"], nlohmann::json::array({4, 2}));
  EXPECT_FALSE(fs::exists(dir / "z" / "row_ids.npy"));
  EXPECT_EQ(indices(dir / "z" / "rows.npy"), (std::vector<std::int64_t>{0, 3}));

  write_bytes(dir / "o.csv", "1,1,1.5\n3,2,-2\n");
  made = import(dir / "o.csv", dir / "o", {"--index-base", "1", "--shape", "5,7", "--test-fraction", "0"});
  ASSERT_EQ(made.exit_code, 0) << made.err;
  EXPECT_EQ(read_json(dir / "o" / "problem.json")["shape"], nlohmann::json::array({5, 7}));
  EXPECT_EQ(indices(dir / "o" / "rows.npy"), (std::vector<std::int64_t>{0, 2}));
  EXPECT_EQ(indices(dir / "o" / "cols.npy"), (std::vector<std::int64_t>{0, 1}));
}

TEST(CliImport, MatrixMarketFromScipyAndATestFileThenTrain) {
  TempDir dir;
  // A 30 x 20 rank-2 matrix, 40 % observed for training and 10 % held out, written by scipy.
  ASSERT_EQ(run_python(dir.path(),
                       "import numpy as np, scipy.sparse as sp, scipy.io\n"
                       "rng = np.random.default_rng(0)\n"
                       "X = rng.normal(size=(30, 2)) @ rng.normal(size=(2, 20))\n"
                       "u = rng.random((30, 20))\n"
                       "train, test = u < 0.4, (u >= 0.4) & (u < 0.5)\n"
                       "scipy.io.mmwrite('" + (dir / "train.mtx").string() + "', sp.coo_matrix(np.where(train, X, 0)))\n"
                       "scipy.io.mmwrite('" + (dir / "test.mtx").string() + "', sp.coo_matrix(np.where(test, X, 0)))\n"
                       "print(int(train.sum()), int(test.sum()))\n"),
            0);
  const CommandResult made = import(dir / "train.mtx", dir / "p", {"--test-file", (dir / "test.mtx").string()});
  ASSERT_EQ(made.exit_code, 0) << made.err;
  const std::vector<std::string> out = lines(made.out);
  ASSERT_EQ(out.size(), 5u) << made.out;
  EXPECT_TRUE(out[0].starts_with("read " + (dir / "train.mtx").string() + ": Matrix Market, ")) << out[0];
  EXPECT_EQ(out[2], "rows: ids are 1-based positions, 30 rows (the size line says 30 x 20)");
  const nlohmann::json manifest = read_json(dir / "p" / "problem.json");
  EXPECT_EQ(manifest["shape"], nlohmann::json::array({30, 20}));
  EXPECT_EQ(manifest["provenance"]["test_file"], (dir / "test.mtx").string());
  const std::int64_t train = manifest["measurements"]["train"], test = manifest["measurements"]["test"];
  EXPECT_GT(train, 150);
  EXPECT_GT(test, 20);
  EXPECT_EQ(manifest["provenance"]["entries"], train);

  const CommandResult trained =
      run_snnsense({"train", "--problem", (dir / "p").string(), "--iters", "5", "--lr", "1", "--out", (dir / "run").string()});
  EXPECT_EQ(trained.exit_code, 0) << trained.err;
  EXPECT_TRUE(fs::exists(dir / "run" / "summary.json"));
}

TEST(CliImport, EachBadRowIsOneLineWithFileAndLineAndNothingIsWritten) {
  TempDir dir;
  const std::string file = (dir / "bad.csv").string();
  expect_refused(dir, "1,2,3\nx,2,3\n", file + ":2: row id 'x' is not an integer");
  expect_refused(dir, "r,c,v\n1,2,3\n1,2\n", file + ":3: expected 3 fields (row, col, value), got 2");
  expect_refused(dir, "1,2,3\n4,5,NaN\n", file + ":2: value 'NaN' is not finite");
  expect_refused(dir, "1,2,3\n4,5,inf\n", file + ":2: value 'inf' is not finite");
  expect_refused(dir, "1,2,3\n4,5,6\n1,2,7\n", file + ":3: entry (row 1, column 2) repeats line 1; each entry may be observed once");
  expect_refused(dir, "0,2,3\n", file + ":1: row id 0 is below 1 (--index-base 1)", {"--index-base", "1"});
  expect_refused(dir, "1,2,3\n4,9,3\n", file + ":2: column id 9 is out of range 0..4 (--shape 5,5)",
                 {"--index-base", "0", "--shape", "5,5"});
  expect_refused(dir, "", file + ": empty file (expected lines of row,col,value)");
  expect_refused(dir, "row,col,value\n", file + ": no entries, only a header line");
  expect_refused(dir, "%%MatrixMarket matrix coordinate real general\n2 2 1\n3 1 1\n",
                 file + ":3: row index 3 is out of range 1..2 (the size line says 2 x 2)");
  expect_refused(dir, "%%MatrixMarket matrix array real general\n1 1\n1\n",
                 file + ":1: Matrix Market 'array' (dense) files are not supported: write the observed entries as a "
                        "coordinate file (scipy.io.mmwrite of a scipy.sparse matrix)");
  expect_refused(dir, "1,2,3\n", "--test-fraction 0.9 holds out all 1 entries, leaving none for training",
                 {"--test-fraction", "0.9"});

  // A test file repeating a training entry names the test file's line and the training line.
  write_bytes(dir / "test.csv", "5,5,1\n1,2,9\n");
  write_bytes(dir / "bad.csv", "1,2,3\n");
  const CommandResult both = import(dir / "bad.csv", dir / "out", {"--test-file", (dir / "test.csv").string()});
  expect_one_line_error(both, (dir / "test.csv").string() + ":2: entry (row 1, column 2) is also in the training file " + file +
                                  ", line 1");
  EXPECT_FALSE(fs::exists(dir / "out"));
}

TEST(CliImport, MissingFilesOverlapsAndOptionsAreRefused) {
  TempDir dir;
  const std::string missing = (dir / "missing.csv").string();
  CommandResult result = import(missing, dir / "out");
  expect_one_line_error(result, missing + ": cannot open: No such file or directory");
  EXPECT_FALSE(fs::exists(dir / "out"));

  fs::create_directories(dir / "data");
  write_bytes(dir / "data" / "r.csv", "1,2,3\n");
  result = import(dir / "data" / "r.csv", dir / "data", {"--force"});
  expect_one_line_error(result, "contains the FILE file");
  EXPECT_TRUE(fs::exists(dir / "data" / "r.csv"));
  result = import(dir / "data" / "r.csv", dir / "data" / "r.csv", {"--force"});
  expect_one_line_error(result, "is the FILE file");

  result = import(dir / "data" / "r.csv", dir / "out", {"--index-base", "2"});
  expect_one_line_error(result, "--index-base: unknown index base '2' (expected labels, 0 or 1)");
  result = import(dir / "data" / "r.csv", dir / "out", {"--shape", "3,3"});
  expect_one_line_error(result, "--shape needs --index-base 0 or 1");
  result = import(dir / "data" / "r.csv", dir / "out", {"--test-file", "x.csv", "--test-fraction", "0.2"});
  expect_one_line_error(result, "--test-fraction");
  EXPECT_FALSE(fs::exists(dir / "out"));
}

TEST(CliImport, HelpSaysWhatIsAssumed) {
  const CommandResult help = run_snnsense({"import", "--help"});
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_NE(help.out.find("--index-base"), std::string::npos);
  EXPECT_NE(help.out.find("integer labels"), std::string::npos);
  EXPECT_NE(help.out.find("--test-file"), std::string::npos);
}

// --parts K writes what `shard --parts K` writes of the same import: parts.json and part-k, byte for byte.
TEST(ImportCli, PartsAreTheShardedImport) {
  TempDir dir;
  std::string csv;
  for (int k = 0; k < 40; ++k)
    csv += std::to_string(k % 7) + "," + std::to_string((3 * k) % 11) + "," + std::to_string(0.25 * k) + "\n";
  write_bytes(dir / "r.csv", csv);
  ASSERT_EQ(import(dir / "r.csv", dir / "whole").exit_code, 0);
  ASSERT_EQ(run_snnsense({"shard", (dir / "whole").string(), "--parts", "3", "--out", (dir / "sharded").string()})
                .exit_code,
            0);
  const CommandResult r = import(dir / "r.csv", dir / "parts", {"--parts", "3"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("in 3 parts: train with mpirun -np 3"), std::string::npos) << r.out;
  EXPECT_EQ(entries(dir / "parts"), entries(dir / "sharded"));
  EXPECT_EQ(snnsense::testing::read_bytes(dir / "parts" / "parts.json"),
            snnsense::testing::read_bytes(dir / "sharded" / "parts.json"));
  for (const char* part : {"part-0", "part-1", "part-2"})
    for (const std::string& file : entries(dir / "sharded" / part))
      EXPECT_EQ(snnsense::testing::read_bytes(dir / "parts" / part / file),
                snnsense::testing::read_bytes(dir / "sharded" / part / file))
          << part << "/" << file;
  expect_one_line_error(import(dir / "r.csv", dir / "zero", {"--parts", "0"}), "--parts");
}
