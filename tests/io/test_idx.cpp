#include <gtest/gtest.h>
#include <zlib.h>

#include <string>

#include "snnsense/core/error.hpp"
#include "snnsense/io/idx.hpp"
#include "snnsense/io/npy.hpp"
#include "temp_dir.hpp"

using namespace snnsense;
using snnsense::testing::expect_file_error;
using snnsense::testing::run_python;
using snnsense::testing::TempDir;
using snnsense::testing::write_bytes;

namespace {

// An IDX3 header: magic, count, rows, cols, all big-endian.
std::string idx_header(std::uint32_t magic, std::uint32_t count, std::uint32_t rows, std::uint32_t cols) {
  std::string bytes;
  for (const std::uint32_t field : {magic, count, rows, cols})
    for (int shift = 24; shift >= 0; shift -= 8) bytes += static_cast<char>((field >> shift) & 0xff);
  return bytes;
}

void write_gz(const std::filesystem::path& file, const std::string& bytes) {
  gzFile out = gzopen(file.c_str(), "wb");
  ASSERT_NE(out, nullptr);
  ASSERT_EQ(gzwrite(out, bytes.data(), static_cast<unsigned>(bytes.size())), static_cast<int>(bytes.size()));
  ASSERT_EQ(gzclose(out), Z_OK);
}

}  // namespace

TEST(Idx, FashionMnistFiles) {
  EXPECT_EQ(fashion_mnist_file("test"), "/usr/share/datasets/fashion-mnist/t10k-images-idx3-ubyte.gz");
  EXPECT_EQ(fashion_mnist_file("train"), "/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz");
  EXPECT_THROW(fashion_mnist_file("validation"), InputError);
}

TEST(Idx, FirstTestImageLooksLikeAnImage) {
  const Matrix image = read_idx_image(fashion_mnist_file("test"), 0);
  EXPECT_EQ(image.rows(), 28);
  EXPECT_EQ(image.cols(), 28);
  EXPECT_GE(image.minCoeff(), 0.0);
  EXPECT_LE(image.maxCoeff(), 255.0);
  EXPECT_GT(image.sum(), 0.0);
}

TEST(Idx, MatchesNumpyDecoding) {
  TempDir dir;
  const auto file = fashion_mnist_file("test");
  ASSERT_EQ(run_python(dir.path(),
                       "import gzip, numpy as np\n"
                       "raw = gzip.open('" +
                           file.string() +
                           "', 'rb').read()\n"
                           "images = np.frombuffer(raw, dtype=np.uint8, offset=16).reshape(-1, 28, 28)\n"
                           "for i in (0, 9999):\n"
                           "    np.save('" +
                           dir.path().string() + "/%d.npy' % i, images[i].astype(np.float64))\n"),
            0);
  EXPECT_EQ(read_idx_image(file, 0), npy::read_matrix(dir / "0.npy"));
  EXPECT_EQ(read_idx_image(file, 9999), npy::read_matrix(dir / "9999.npy"));
}

TEST(Idx, ImagesAsRowsMatchSingleImages) {
  const auto file = fashion_mnist_file("test");
  const Matrix rows = read_idx_images(file, 9997, 3);
  ASSERT_EQ(rows.rows(), 3);
  ASSERT_EQ(rows.cols(), 784);
  for (Index k = 0; k < 3; ++k) {
    const Matrix image = read_idx_image(file, 9997 + k);
    for (Index i = 0; i < 28; ++i)
      for (Index j = 0; j < 28; ++j) EXPECT_EQ(rows(k, 28 * i + j), image(i, j));
  }
  EXPECT_THROW(read_idx_images(file, 9998, 3), InputError);  // runs past the last image
  EXPECT_THROW(read_idx_images(file, 0, 0), InputError);
  EXPECT_THROW(read_idx_images(file, -1, 2), InputError);
}

TEST(Idx, IndexOutOfRange) {
  const auto file = fashion_mnist_file("test");
  try {
    read_idx_image(file, 10000);
    FAIL() << "no InputError";
  } catch (const InputError& e) {
    EXPECT_EQ(std::string(e.what()), "fashion-mnist index 10000 out of range (0..9999)");
  }
  EXPECT_THROW(read_idx_image(file, -1), InputError);
}

TEST(Idx, SmallSyntheticFile) {
  TempDir dir;
  std::string pixels;
  for (int k = 0; k < 2 * 2 * 3; ++k) pixels += static_cast<char>(k * 20);
  write_gz(dir / "s.gz", idx_header(0x803, 2, 2, 3) + pixels);
  Matrix second(2, 3);
  second << 120, 140, 160, 180, 200, 220;
  EXPECT_EQ(read_idx_image(dir / "s.gz", 1), second);
}

TEST(Idx, MissingFile) {
  TempDir dir;
  expect_file_error(dir / "absent.gz", "no such file", [&] { read_idx_image(dir / "absent.gz", 0); });
}

TEST(Idx, BadMagic) {
  TempDir dir;
  write_gz(dir / "labels.gz", idx_header(0x801, 1, 28, 28) + std::string(784, '\0'));
  expect_file_error(dir / "labels.gz", "bad magic 0x00000801", [&] { read_idx_image(dir / "labels.gz", 0); });
}

TEST(Idx, TruncatedImages) {
  TempDir dir;
  write_gz(dir / "t.gz", idx_header(0x803, 3, 28, 28) + std::string(784 + 100, '\1'));
  EXPECT_EQ(read_idx_image(dir / "t.gz", 0), Matrix::Constant(28, 28, 1.0));
  expect_file_error(dir / "t.gz", "truncated", [&] { read_idx_image(dir / "t.gz", 1); });
}

TEST(Idx, CorruptGzip) {
  TempDir dir;
  // A valid gzip header followed by garbage where the deflate stream should be.
  write_bytes(dir / "c.gz",
              std::string("\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03", 10) + std::string(200, '\xff'));
  expect_file_error(dir / "c.gz", "corrupt gzip data (invalid block type)",
                    [&] { read_idx_image(dir / "c.gz", 0); });
  // Random bytes that are not gzip at all.
  write_bytes(dir / "r.gz", "this is plainly not a gzip file, nor an IDX one");
  expect_file_error(dir / "r.gz", "bad magic", [&] { read_idx_image(dir / "r.gz", 0); });
}

TEST(Idx, GzipCutShort) {
  TempDir dir;
  write_gz(dir / "full.gz", idx_header(0x803, 1, 28, 28) + std::string(784, '\7'));
  const std::string bytes = snnsense::testing::read_bytes(dir / "full.gz");
  write_bytes(dir / "cut.gz", bytes.substr(0, bytes.size() - 12));
  expect_file_error(dir / "cut.gz", "truncated", [&] { read_idx_image(dir / "cut.gz", 0); });
}
