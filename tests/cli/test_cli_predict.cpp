// `snnsense predict` as a user runs it: a run's estimate at the entries of a CSV file, with the ids
// the problem was imported with; a factored run answers from its factors; an id the problem does not
// know is one line naming the file and the line, with nothing written.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "../io/temp_dir.hpp"
#include "cli_test_support.hpp"
#include "snnsense/io/csv_table.hpp"
#include "snnsense/io/npy.hpp"

using namespace snnsense;
using snnsense::testing::CommandResult;
using snnsense::testing::expect_one_line_error;
using snnsense::testing::run_snnsense;
using snnsense::testing::TempDir;
using snnsense::testing::write_bytes;
namespace fs = std::filesystem;

namespace {

CommandResult predict(const fs::path& run, const fs::path& entries, const fs::path& out) {
  return run_snnsense({"predict", run.string(), "--entries", entries.string(), "--out", out.string()});
}

void expect_refused(const TempDir& dir, const fs::path& run, const std::string& text, const std::string& fault) {
  SCOPED_TRACE(text);
  write_bytes(dir / "bad.csv", text);
  const CommandResult result = predict(run, dir / "bad.csv", dir / "out.csv");
  expect_one_line_error(result, "");
  EXPECT_EQ(result.err, "snnsense: " + (dir / "bad.csv").string() + ":" + fault + "\n");
  EXPECT_FALSE(fs::exists(dir / "out.csv"));
}

}  // namespace

TEST(CliPredict, AFactoredRunPredictsLeftTimesRightTransposeAtTheEntries) {
  TempDir dir;
  ASSERT_EQ(run_snnsense({"generate", "--problem", "rectangular", "--operator", "completion", "--n", "30", "--n2", "20",
                          "--rank", "2", "--measurements", "200", "--seed", "1", "--out", (dir / "p").string()})
                .exit_code,
            0);
  const CommandResult trained =
      run_snnsense({"train", "--problem", (dir / "p").string(), "--layers", "2,2", "--rank", "2", "--representation",
                    "factored", "--init", "random", "--lr", "0.01", "--iters", "30", "--out", (dir / "run").string()});
  ASSERT_EQ(trained.exit_code, 0) << trained.err;
  ASSERT_TRUE(fs::exists(dir / "run" / "X_left.npy"));

  write_bytes(dir / "entries.csv", "0,0\n29,19\n5,7\n5,7\n12,3\n");  // no header; a repeat is answered twice
  const CommandResult r = predict(dir / "run", dir / "entries.csv", dir / "pred.csv");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "wrote " + (dir / "pred.csv").string() + ": 5 predictions of " + (dir / "run").string() +
                       " (factored estimate, 30 x 20)\n");

  const Matrix left = npy::read_matrix(dir / "run" / "X_left.npy"), right = npy::read_matrix(dir / "run" / "X_right.npy");
  const CsvTable table = read_csv_table(dir / "pred.csv");
  EXPECT_EQ(table.names, (std::vector<std::string>{"row", "col", "prediction"}));
  const std::vector<double> rows = table.column("row"), cols = table.column("col"), values = table.column("prediction");
  EXPECT_EQ(rows, (std::vector<double>{0, 29, 5, 5, 12}));
  EXPECT_EQ(cols, (std::vector<double>{0, 19, 7, 7, 3}));
  const double scale = (left * right.transpose()).cwiseAbs().maxCoeff();
  ASSERT_GT(scale, 0.0);
  for (std::size_t k = 0; k < values.size(); ++k) {
    const double expected = left.row(static_cast<Index>(rows[k])).dot(right.row(static_cast<Index>(cols[k])));
    EXPECT_NEAR(values[k], expected, 1e-12 * scale) << "entry " << k;
  }

  expect_refused(dir, dir / "run", "row,col\n1,2\n30,0\n", "3: row id 30 is out of range 0..29 (the problem is 30 x 20, 0-based)");
  expect_refused(dir, dir / "run", "1,-1\n", "1: column id -1 is below 0 (the problem is 30 x 20, 0-based)");
  expect_refused(dir, dir / "run", "1,2,3\n", "1: expected 2 fields (row, col), got 3");

  // The problem the run names is an input too: an output inside it is refused, the file kept.
  const auto y_before = npy::read_vector(dir / "p" / "y.npy");
  const CommandResult over = predict(dir / "run", dir / "entries.csv", dir / "p" / "y.npy");
  expect_one_line_error(over, "--out");
  EXPECT_EQ(npy::read_vector(dir / "p" / "y.npy"), y_before);
}

TEST(CliPredict, LabelIdsOfAnImportedProblemMapThroughItsIds) {
  TempDir dir;
  write_bytes(dir / "ratings.csv", "user,item,rating\n943,1682,3\n1,50,5\n943,50,1\n20,1682,4.5\n20,50,2\n");
  ASSERT_EQ(run_snnsense({"import", (dir / "ratings.csv").string(), "--test-fraction", "0", "--out", (dir / "p").string()})
                .exit_code,
            0);
  const CommandResult trained = run_snnsense({"train", "--problem", (dir / "p").string(), "--model", "lg", "--iters", "5",
                                              "--lr", "0.1", "--out", (dir / "run").string()});
  ASSERT_EQ(trained.exit_code, 0) << trained.err;

  write_bytes(dir / "entries.csv", "user,item\n1,1682\n943,50\n");
  const CommandResult r = predict(dir / "run", dir / "entries.csv", dir / "pred.csv");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const Matrix X = npy::read_matrix(dir / "run" / "X.npy");  // rows: ids 1, 20, 943; columns: 50, 1682
  const CsvTable table = read_csv_table(dir / "pred.csv");
  EXPECT_EQ(table.column("row"), (std::vector<double>{1, 943}));
  EXPECT_EQ(table.column("col"), (std::vector<double>{1682, 50}));
  EXPECT_EQ(table.column("prediction"), (std::vector<double>{X(0, 1), X(2, 0)}));

  expect_refused(dir, dir / "run", "1,50\n2,50\n", "2: row id 2 is not one of the problem's 3 row ids (row_ids.npy)");
  expect_refused(dir, dir / "run", "1,51\n", "1: column id 51 is not one of the problem's 2 column ids (col_ids.npy)");
}
