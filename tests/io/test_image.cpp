#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <random>
#include <string>

#include "snnsense/core/error.hpp"
#include "snnsense/io/image.hpp"
#include "temp_dir.hpp"

using namespace snnsense;
using snnsense::testing::expect_file_error;
using snnsense::testing::read_bytes;
using snnsense::testing::run_python;
using snnsense::testing::TempDir;
using snnsense::testing::write_bytes;

namespace {

Matrix gradient(Index rows, Index cols) {
  Matrix m(rows, cols);
  for (Index i = 0; i < rows; ++i)
    for (Index j = 0; j < cols; ++j) m(i, j) = static_cast<double>((i * 37 + j * 11) % 256);
  return m;
}

// Writes a PNG by hand with Python (chunks, CRCs, zlib): a header of width x height and colour type
// `colour` (0 gray, 2 RGB), then `raw_python`, a Python expression for the filtered scanlines.
int write_png_by_hand(const TempDir& dir, const std::filesystem::path& file, int width, int height, int colour,
                      const std::string& raw_python) {
  return run_python(dir.path(),
                    "import struct, zlib\n"
                    "def chunk(kind, body):\n"
                    "    return (struct.pack('>I', len(body)) + kind + body\n"
                    "            + struct.pack('>I', zlib.crc32(kind + body)))\n"
                    "w, h = " + std::to_string(width) + ", " + std::to_string(height) + "\n"
                    "png = b'\\x89PNG\\r\\n\\x1a\\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', w, h, 8, " +
                        std::to_string(colour) + ", 0, 0, 0))\n"
                    "png += chunk(b'IDAT', zlib.compress(" + raw_python + ")) + chunk(b'IEND', b'')\n"
                    "open('" + file.string() + "', 'wb').write(png)\n");
}

}  // namespace

TEST(Image, PngRoundTrip) {
  TempDir dir;
  const Matrix m = gradient(7, 12);  // not square, so a transposition would show
  write_png(dir / "a.png", m);
  EXPECT_EQ(read_image(dir / "a.png"), m);
}

TEST(Image, ValuesAreRoundedAndClamped) {
  TempDir dir;
  Matrix m(1, 5);
  m << -20.0, 0.4, 127.6, 300.0, std::numeric_limits<double>::quiet_NaN();
  write_png(dir / "a.png", m);
  Matrix expected(1, 5);
  expected << 0, 0, 128, 255, 0;
  EXPECT_EQ(read_image(dir / "a.png"), expected);
}

TEST(Image, PythonSeesTheSamePixels) {
  TempDir dir;
  write_png(dir / "a.png", gradient(5, 9));
  // Decoded with zlib alone (no imaging library needed): 8-bit gray, one filter byte per row.
  EXPECT_EQ(
      run_python(dir.path(),
                 "import struct, sys, zlib\n"
                 "data = open('" +
                     (dir / "a.png").string() +
                     "', 'rb').read()\n"
                     "assert data[:8] == b'\\x89PNG\\r\\n\\x1a\\n'\n"
                     "pos, idat, ihdr = 8, b'', None\n"
                     "while pos < len(data):\n"
                     "    n, kind = struct.unpack('>I4s', data[pos:pos + 8])\n"
                     "    body = data[pos + 8:pos + 8 + n]\n"
                     "    if kind == b'IHDR': ihdr = struct.unpack('>IIBBBBB', body)\n"
                     "    if kind == b'IDAT': idat += body\n"
                     "    pos += 12 + n\n"
                     "w, h, depth, color = ihdr[:4]\n"
                     "if (w, h, depth, color) != (9, 5, 8, 0): sys.exit(1)\n"
                     "raw = zlib.decompress(idat)\n"
                     "prev = bytearray(w)\n"
                     "for i in range(h):\n"
                     "    f, row = raw[i * (w + 1)], bytearray(raw[i * (w + 1) + 1:(i + 1) * (w + 1)])\n"
                     "    for j in range(w):\n"
                     "        a = row[j - 1] if j else 0\n"
                     "        b, c = prev[j], (prev[j - 1] if j else 0)\n"
                     "        p = a + b - c\n"
                     "        pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)\n"
                     "        pred = [0, a, b, (a + b) // 2, a if pa <= pb and pa <= pc else (b if pb <= pc "
                     "else c)][f]\n"
                     "        row[j] = (row[j] + pred) & 255\n"
                     "    if list(row) != [(i * 37 + j * 11) % 256 for j in range(w)]: sys.exit(2)\n"
                     "    prev = row\n"),
      0);
}

TEST(Image, ResizeGivesTheAskedSize) {
  TempDir dir;
  write_png(dir / "a.png", gradient(40, 30));
  const Matrix small = read_image(dir / "a.png", 16);
  EXPECT_EQ(small.rows(), 16);
  EXPECT_EQ(small.cols(), 16);
  EXPECT_GE(small.minCoeff(), 0.0);
  EXPECT_LE(small.maxCoeff(), 255.0);
  // A constant image stays constant through resampling.
  write_png(dir / "flat.png", Matrix::Constant(10, 20, 77.0));
  EXPECT_EQ(read_image(dir / "flat.png", 32), Matrix::Constant(32, 32, 77.0));
}

TEST(Image, NegativeResizeIsAnInputError) {
  TempDir dir;
  write_png(dir / "a.png", gradient(4, 4));
  EXPECT_THROW(read_image(dir / "a.png", -1), InputError);
}

TEST(Image, ColorImageBecomesGray) {
  TempDir dir;
  ASSERT_EQ(write_png_by_hand(dir, dir / "rgb.png", 3, 2, 2,
                              "b''.join(b'\\x00' + bytes([200, 200, 200] * w) for _ in range(h))"),
            0);
  EXPECT_EQ(read_image(dir / "rgb.png"), Matrix::Constant(2, 3, 200.0));
}

TEST(Image, MissingFile) {
  TempDir dir;
  expect_file_error(dir / "absent.png", "no such file", [&] { read_image(dir / "absent.png"); });
}

TEST(Image, RandomBytesAreNotAnImage) {
  TempDir dir;
  std::mt19937 engine(1);
  std::string noise(1000, '\0');
  for (char& c : noise) c = static_cast<char>(engine());
  write_bytes(dir / "noise.png", noise);
  expect_file_error(dir / "noise.png", "not a readable image (", [&] { read_image(dir / "noise.png"); });
}

TEST(Image, TruncatedPngIsNotAnImage) {
  TempDir dir;
  write_png(dir / "a.png", gradient(64, 64));
  const std::string bytes = read_bytes(dir / "a.png");
  write_bytes(dir / "cut.png", bytes.substr(0, bytes.size() / 2));
  expect_file_error(dir / "cut.png", "not a readable image (", [&] { read_image(dir / "cut.png"); });
}

TEST(Image, EmptyMatrixIsAnInputError) {
  TempDir dir;
  EXPECT_THROW(write_png(dir / "a.png", Matrix(0, 4)), InputError);
  EXPECT_FALSE(std::filesystem::exists(dir / "a.png"));
}

// Found by the fuzzer: a 270-byte JPEG announcing 37 896 x 2 048 pixels was decoded at that size
// (12 s under ASan). The header's size is checked first; a PNG header announcing 5000 x 5000 with
// no pixel data behind it is refused before any decoding.
TEST(Image, AnImageBeyondThePixelLimitIsRefusedFromItsHeader) {
  TempDir dir;
  ASSERT_EQ(write_png_by_hand(dir, dir / "huge.png", 5000, 5000, 0, "b''"), 0);
  expect_file_error(dir / "huge.png", "is 5000x5000 pixels; images beyond 16777216 pixels are refused",
                    [&] { read_image(dir / "huge.png"); });
}
