// Matrix Market coordinate files as scipy.io.mmwrite writes them; the formats we do not take are
// refused with one line naming the file and line.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <tuple>
#include <vector>

#include "snnsense/io/matrix_market.hpp"
#include "temp_dir.hpp"
#include "triplet_error.hpp"

using namespace snnsense;
using snnsense::testing::file_error_message;
using snnsense::testing::run_python;
using snnsense::testing::TempDir;
using snnsense::testing::write_bytes;

namespace {

std::string error_of(const TempDir& dir, const std::string& text) {
  write_bytes(dir / "bad.mtx", text);
  return file_error_message([&] { read_matrix_market(dir / "bad.mtx"); });
}

const std::string kGeneral = "%%MatrixMarket matrix coordinate real general\n";

}  // namespace

TEST(MatrixMarket, ReadsWhatScipyWrites) {
  TempDir dir;
  // Explicit zeros are observations: scipy keeps them in the file, and so do we.
  ASSERT_EQ(run_python(dir.path(), "import numpy as np, scipy.sparse as sp, scipy.io\n"
                                   "m = sp.coo_matrix((np.array([1.5, -2.0, 0.0, 3.25]), (np.array([0, 1, 2, 3]),"
                                   " np.array([1, 0, 2, 4]))), shape=(4, 6))\n"
                                   "scipy.io.mmwrite('" + (dir / "m.mtx").string() + "', m)\n"),
            0);
  const Triplets t = read_matrix_market(dir / "m.mtx");
  EXPECT_EQ(t.format, TripletFormat::matrix_market);
  ASSERT_TRUE(t.shape);
  EXPECT_EQ(*t.shape, (std::pair<std::int64_t, std::int64_t>{4, 6}));
  EXPECT_EQ(t.rows, (std::vector<std::int64_t>{1, 2, 3, 4}));
  EXPECT_EQ(t.cols, (std::vector<std::int64_t>{2, 1, 3, 5}));
  EXPECT_EQ(t.values, (std::vector<double>{1.5, -2.0, 0.0, 3.25}));
}

TEST(MatrixMarket, SymmetricFilesAreExpanded) {
  TempDir dir;
  // scipy.io.mmwrite writes a symmetric matrix as 'symmetric' with its lower triangle only.
  ASSERT_EQ(run_python(dir.path(), "import numpy as np, scipy.sparse as sp, scipy.io\n"
                                   "m = sp.coo_matrix(np.array([[1.0, 2.0, 0.0], [2.0, 0.0, 0.0], [0.0, 0.0, 5.0]]))\n"
                                   "scipy.io.mmwrite('" + (dir / "s.mtx").string() + "', m)\n"),
            0);
  const Triplets t = read_matrix_market(dir / "s.mtx");
  ASSERT_EQ(t.size(), 4u);
  std::vector<std::tuple<std::int64_t, std::int64_t, double>> entries;
  for (std::size_t i = 0; i < t.size(); ++i) entries.emplace_back(t.rows[i], t.cols[i], t.values[i]);
  std::sort(entries.begin(), entries.end());
  EXPECT_EQ(entries, (std::vector<std::tuple<std::int64_t, std::int64_t, double>>{{1, 1, 1.0}, {1, 2, 2.0}, {2, 1, 2.0}, {3, 3, 5.0}}));

  write_bytes(dir / "k.mtx", "%%MatrixMarket matrix coordinate real skew-symmetric\n2 2 1\n2 1 3\n");
  const Triplets k = read_matrix_market(dir / "k.mtx");
  EXPECT_EQ(k.rows, (std::vector<std::int64_t>{2, 1}));
  EXPECT_EQ(k.values, (std::vector<double>{3.0, -3.0}));
}

TEST(MatrixMarket, IntegerFieldCommentsAndBlankLines) {
  TempDir dir;
  write_bytes(dir / "i.mtx", "%%MatrixMarket matrix coordinate integer general\n% a comment\n\n%another\n3 2 2\n3 2 7\n\n1 1 -4\n");
  const Triplets t = read_matrix_market(dir / "i.mtx");
  EXPECT_EQ(t.values, (std::vector<double>{7.0, -4.0}));
  EXPECT_EQ(t.lines, (std::vector<std::int64_t>{6, 8}));
  EXPECT_EQ(t.shape_line, 5);
}

TEST(MatrixMarket, UnsupportedFilesAreRefusedInOneLine) {
  TempDir dir;
  const std::string file = (dir / "bad.mtx").string();
  EXPECT_EQ(error_of(dir, "%%MatrixMarket matrix array real general\n2 2\n1\n2\n3\n4\n"),
            file + ":1: Matrix Market 'array' (dense) files are not supported: write the observed entries as a "
                   "coordinate file (scipy.io.mmwrite of a scipy.sparse matrix)");
  EXPECT_EQ(error_of(dir, "%%MatrixMarket matrix coordinate complex general\n1 1 1\n1 1 1 0\n"),
            file + ":1: Matrix Market field 'complex' is not supported (expected real or integer)");
  EXPECT_EQ(error_of(dir, "%%MatrixMarket matrix coordinate pattern general\n1 1 1\n1 1\n"),
            file + ":1: Matrix Market 'pattern' files have no values to complete (expected real or integer)");
  EXPECT_EQ(error_of(dir, "%%MatrixMarket matrix coordinate real hermitian\n1 1 1\n1 1 1\n"),
            file + ":1: Matrix Market symmetry 'hermitian' is not supported (expected general, symmetric or skew-symmetric)");
}

TEST(MatrixMarket, BadEntriesNameTheLine) {
  TempDir dir;
  const std::string file = (dir / "bad.mtx").string();
  EXPECT_EQ(error_of(dir, kGeneral + "%\n3 4 2\n1 1 1\n4 1 1\n"),
            file + ":5: row index 4 is out of range 1..3 (the size line says 3 x 4)");
  EXPECT_EQ(error_of(dir, kGeneral + "3 4 2\n1 0 1\n"), file + ":3: column index 0 is out of range 1..4 (the size line says 3 x 4)");
  EXPECT_EQ(error_of(dir, kGeneral + "3 4 2\n1 1 inf\n"), file + ":3: value 'inf' is not finite");
  EXPECT_EQ(error_of(dir, kGeneral + "3 4 2\n1 1 1\n"), file + ": the size line (line 2) announces 2 entries, the file has 1");
  EXPECT_EQ(error_of(dir, kGeneral + "3 4 1\n1 1 1\n2 2 2\n"), file + ":4: more entries than the 1 of the size line (line 2)");
  EXPECT_EQ(error_of(dir, kGeneral + "3 4 0\n"), file + ": no entries (the size line announces 0)");
  EXPECT_EQ(error_of(dir, kGeneral + "3 x 1\n"), file + ":2: size line: columns 'x' is not an integer");
  EXPECT_EQ(error_of(dir, "%%MatrixMarket matrix coordinate real symmetric\n3 3 1\n1 2 1\n"),
            file + ":3: entry (1, 2) lies above the diagonal of a symmetric file, which stores only the lower triangle");
  EXPECT_EQ(error_of(dir, ""), file + ": empty file (expected a %%MatrixMarket banner)");
}

// Found by the fuzzer: a short file whose size line announces 7.8e8 entries made the reader reserve
// room for 2^26 of them (2 GB) before reading two. The file's size now bounds the reservation; the
// count is still checked against what the file holds.
TEST(MatrixMarket, AnAnnouncedCountBeyondTheFileIsRefusedWithoutReservingIt) {
  TempDir dir;
  const std::string message = error_of(dir, kGeneral + "776 170177 777771171\n2 1 4\n3 1 1\n");
  EXPECT_NE(message.find("announces 777771171 entries, the file has 2"), std::string::npos) << message;
}
