// Completion problems from triplet files: what the ids mean (labels or positions), the seeded split,
// a held-out file, and the faults that name a file and line; the saved directory loads back.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "../core/input_error_message.hpp"
#include "../io/temp_dir.hpp"
#include "../io/triplet_error.hpp"
#include "snnsense/io/triplets.hpp"
#include "snnsense/operators/completion_operator.hpp"
#include "snnsense/problems/entry_split.hpp"
#include "snnsense/problems/problem_io.hpp"
#include "snnsense/problems/triplet_import.hpp"

using namespace snnsense;
using snnsense::check::input_error_message;
using snnsense::testing::file_error_message;
using snnsense::testing::TempDir;
using snnsense::testing::write_bytes;

namespace {

Triplets file(const TempDir& dir, const std::string& name, const std::string& text) {
  write_bytes(dir / name, text);
  return read_triplets(dir / name);
}

const CompletionOperator& entries(const OperatorPtr& op) { return dynamic_cast<const CompletionOperator&>(*op); }

std::vector<Index> as_vector(const IndexVector& v) { return {v.data(), v.data() + v.size()}; }

ImportOptions no_split() {
  ImportOptions o;
  o.test_fraction = 0.0;
  return o;
}

}  // namespace

TEST(EntrySplit, HoldsOutTheRoundedFractionSeededAndInOrder) {
  const EntrySplit a = split_entries(1000, 0.1, 7), b = split_entries(1000, 0.1, 7), c = split_entries(1000, 0.1, 8);
  EXPECT_EQ(a.test.size(), 100u);
  EXPECT_EQ(a.train.size(), 900u);
  EXPECT_EQ(a.test, b.test);
  EXPECT_NE(a.test, c.test);
  EXPECT_TRUE(std::is_sorted(a.test.begin(), a.test.end()));
  EXPECT_TRUE(std::is_sorted(a.train.begin(), a.train.end()));
  std::set<Index> all(a.train.begin(), a.train.end());
  all.insert(a.test.begin(), a.test.end());
  EXPECT_EQ(all.size(), 1000u);
  EXPECT_EQ(split_entries(5, 0.0, 0).test.size(), 0u);
  EXPECT_EQ(input_error_message([] { split_entries(3, 0.9, 0); }),
            "--test-fraction 0.9 holds out all 3 entries, leaving none for training");
  EXPECT_EQ(input_error_message([] { split_entries(3, 1.0, 0); }), "--test-fraction must lie in [0, 1), got 1");
}

TEST(TripletImport, LabelsAreMappedInSortedOrderAndKept) {
  TempDir dir;
  const Triplets t = file(dir, "r.csv", "user,item,rating\n30,7,1\n10,-2,2\n30,100,3\n");
  const ImportedProblem imported = import_triplets(t, nullptr, no_split());
  const Problem& p = imported.problem;
  EXPECT_EQ(p.n1, 2);
  EXPECT_EQ(p.n2, 3);
  EXPECT_EQ(as_vector(*p.row_ids), (std::vector<Index>{10, 30}));
  EXPECT_EQ(as_vector(*p.col_ids), (std::vector<Index>{-2, 7, 100}));
  EXPECT_EQ(as_vector(entries(p.train_operator).row_indices()), (std::vector<Index>{1, 0, 1}));
  EXPECT_EQ(as_vector(entries(p.train_operator).col_indices()), (std::vector<Index>{1, 0, 2}));
  EXPECT_EQ(p.train_y, Eigen::Vector3d(1, 2, 3));
  EXPECT_EQ(p.test_count(), 0);
  EXPECT_EQ(imported.rows_note, "rows: 2 distinct ids (10..30) mapped to 0..1 in sorted order");
  EXPECT_EQ(imported.cols_note, "columns: 3 distinct ids (-2..100) mapped to 0..2 in sorted order");
  EXPECT_EQ(p.provenance["index_base"], "labels");
  EXPECT_EQ(p.provenance["header"], true);
  EXPECT_FALSE(p.x_true);
}

TEST(TripletImport, PositionsTakeTheShapeFromTheLargestIdOrShape) {
  TempDir dir;
  const Triplets zero = file(dir, "z.csv", "0,0,1\n4,2,2\n");
  ImportOptions o = no_split();
  o.index_base = IndexBase::zero;
  ImportedProblem p = import_triplets(zero, nullptr, o);
  EXPECT_EQ(p.problem.n1, 5);
  EXPECT_EQ(p.problem.n2, 3);
  EXPECT_FALSE(p.problem.row_ids);
  EXPECT_EQ(p.rows_note, "rows: ids are 0-based positions, 5 rows (the largest id is 4)");
  o.index_base = IndexBase::one;
  o.shape = {{6, 9}};
  const Triplets one = file(dir, "o.csv", "1,1,1\n4,2,2\n");
  p = import_triplets(one, nullptr, o);
  EXPECT_EQ(p.problem.n1, 6);
  EXPECT_EQ(p.problem.n2, 9);
  EXPECT_EQ(as_vector(entries(p.problem.train_operator).row_indices()), (std::vector<Index>{0, 3}));
  EXPECT_EQ(p.cols_note, "columns: ids are 1-based positions, 9 columns (--shape 6,9)");
  const std::string path = (dir / "z.csv").string();
  EXPECT_EQ(file_error_message([&] { import_triplets(zero, nullptr, o); }), path + ":1: row id 0 is below 1 (--shape 6,9)");
  o.shape = {{3, 9}};
  EXPECT_EQ(file_error_message([&] { import_triplets(one, nullptr, o); }),
            (dir / "o.csv").string() + ":2: row id 4 is out of range 1..3 (--shape 3,9)");
  o.shape.reset();
  EXPECT_EQ(file_error_message([&] { import_triplets(zero, nullptr, o); }), path + ":1: row id 0 is below 1 (--index-base 1)");
}

TEST(TripletImport, DuplicatesNameBothLines) {
  TempDir dir;
  const Triplets t = file(dir, "d.csv", "1,2,3\n4,5,6\n\n1,2,7\n");
  EXPECT_EQ(file_error_message([&] { import_triplets(t, nullptr, no_split()); }),
            (dir / "d.csv").string() + ":4: entry (row 1, column 2) repeats line 1; each entry may be observed once");
  const Triplets train = file(dir, "train.csv", "1,2,3\n4,5,6\n");
  const Triplets test = file(dir, "test.csv", "7,8,9\n4,5,1\n");
  EXPECT_EQ(file_error_message([&] { import_triplets(train, &test, no_split()); }),
            (dir / "test.csv").string() + ":2: entry (row 4, column 5) is also in the training file " +
                (dir / "train.csv").string() + ", line 2; each entry may be observed once");
  const Triplets twice = file(dir, "twice.csv", "7,8,9\n7,8,1\n");
  EXPECT_EQ(file_error_message([&] { import_triplets(train, &twice, no_split()); }),
            (dir / "twice.csv").string() + ":2: entry (row 7, column 8) repeats line 1; each entry may be observed once");
}

TEST(TripletImport, ATestFileIsHeldOutWhole) {
  TempDir dir;
  const Triplets train = file(dir, "train.csv", "1,10,1\n2,20,2\n");
  const Triplets test = file(dir, "test.csv", "3,10,5\n");
  const ImportedProblem imported = import_triplets(train, &test, ImportOptions{});
  const Problem& p = imported.problem;
  EXPECT_EQ(p.train_count(), 2);
  EXPECT_EQ(p.test_count(), 1);
  EXPECT_EQ(p.test_y(0), 5.0);
  EXPECT_EQ(entries(p.test_operator).row_indices()(0), 2);  // id 3, seen only in the test file
  EXPECT_EQ(imported.rows_note, "rows: 3 distinct ids (1..3) mapped to 0..2 in sorted order, 1 of them only in the test file");
  EXPECT_EQ(p.provenance["test_file"], (dir / "test.csv").string());
  EXPECT_FALSE(p.provenance.contains("seed"));
}

TEST(TripletImport, TheSplitIsSeeded) {
  TempDir dir;
  std::string text;
  for (int i = 0; i < 50; ++i) text += std::to_string(i % 7) + "," + std::to_string(i) + "," + std::to_string(i) + "\n";
  const Triplets t = file(dir, "s.csv", text);
  ImportOptions o;
  o.test_fraction = 0.2;
  o.seed = 3;
  const Problem a = import_triplets(t, nullptr, o).problem, b = import_triplets(t, nullptr, o).problem;
  EXPECT_EQ(a.test_count(), 10);
  EXPECT_EQ(a.test_y, b.test_y);
  o.seed = 4;
  EXPECT_NE(import_triplets(t, nullptr, o).problem.test_y, a.test_y);
  // Each value stays with its entry: the value was written as the column id.
  for (Index i = 0; i < a.test_count(); ++i)
    EXPECT_EQ(a.test_y(i), static_cast<double>((*a.col_ids)(entries(a.test_operator).col_indices()(i))));
}

TEST(TripletImport, MatrixMarketIsOneBasedInItsSizeLine) {
  TempDir dir;
  const Triplets m = file(dir, "m.mtx", "%%MatrixMarket matrix coordinate real general\n4 6 2\n1 1 1\n2 5 2\n");
  const ImportedProblem p = import_triplets(m, nullptr, no_split());
  EXPECT_EQ(p.problem.n1, 4);
  EXPECT_EQ(p.problem.n2, 6);
  EXPECT_FALSE(p.problem.row_ids);
  EXPECT_EQ(p.problem.provenance["index_base"], "1");
  ImportOptions o = no_split();
  o.index_base = IndexBase::zero;
  EXPECT_EQ(input_error_message([&] { import_triplets(m, nullptr, o); }),
            "--index-base applies to CSV files; " + (dir / "m.mtx").string() +
                " is a Matrix Market file (1-based, shaped by its size line)");
  const Triplets other = file(dir, "o.mtx", "%%MatrixMarket matrix coordinate real general\n4 7 1\n3 3 1\n");
  EXPECT_EQ(file_error_message([&] { import_triplets(m, &other, no_split()); }),
            (dir / "o.mtx").string() + ":2: the size line says 4 x 7 but " + (dir / "m.mtx").string() + " says 4 x 6");
  const Triplets csv = file(dir, "c.csv", "3,3,1\n");
  EXPECT_EQ(file_error_message([&] { import_triplets(m, &csv, no_split()); }),
            (dir / "c.csv").string() + ": is a csv file but " + (dir / "m.mtx").string() + " is matrix-market; give both in one format");
}

TEST(TripletImport, OptionsThatDoNotFitAreRefused) {
  ImportOptions o;
  o.shape = {{3, 3}};
  EXPECT_EQ(input_error_message([&] { o.validate(); }),
            "--shape needs --index-base 0 or 1 (with labels, the shape is the number of distinct ids)");
  o.index_base = IndexBase::zero;
  o.shape = {{0, 3}};
  EXPECT_EQ(input_error_message([&] { o.validate(); }), "--shape: each dimension must lie in [1, 2147483647], got 0,3");
}

TEST(TripletImport, TheSavedDirectoryLoadsWithItsIds) {
  TempDir dir;
  const Triplets t = file(dir, "r.csv", "30,7,1\n10,-2,2\n30,100,3\n10,100,4\n");
  ImportOptions o;
  o.test_fraction = 0.25;
  const Problem p = import_triplets(t, nullptr, o).problem;
  std::filesystem::create_directory(dir / "out");
  save_problem(p, dir / "out");
  const Problem back = load_problem(dir / "out");
  EXPECT_EQ(as_vector(*back.row_ids), (std::vector<Index>{10, 30}));
  EXPECT_EQ(as_vector(*back.col_ids), (std::vector<Index>{-2, 7, 100}));
  EXPECT_EQ(back.train_y, p.train_y);
  EXPECT_EQ(back.test_y, p.test_y);
  EXPECT_EQ(back.test_count(), 1);
  EXPECT_FALSE(std::filesystem::exists(dir / "out" / "X_true.npy"));
  // A problem without labels has no id files, and loads without them.
  std::filesystem::remove(dir / "out" / "row_ids.npy");
  EXPECT_FALSE(load_problem(dir / "out").row_ids);
}
