#include "snnsense/io/idx.hpp"

#include <zlib.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "snnsense/core/error.hpp"
#include "snnsense/io/file_error.hpp"

namespace snnsense {
namespace {

constexpr std::uint32_t kImageMagic = 0x00000803;  // unsigned bytes, 3 dimensions
constexpr std::uint64_t kMaxPixels = 1u << 24;     // far beyond any real IDX image; guards allocation

struct GzCloser {
  void operator()(gzFile_s* file) const { gzclose(file); }
};
using GzFile = std::unique_ptr<gzFile_s, GzCloser>;

// Reads exactly `size` bytes or says why not: zlib's own message for a corrupt stream, "truncated"
// for a stream that just ends.
void read_exactly(gzFile file, const std::filesystem::path& path, void* data, std::size_t size) {
  auto* bytes = static_cast<unsigned char*>(data);
  while (size > 0) {
    const unsigned chunk = static_cast<unsigned>(std::min<std::size_t>(size, 1u << 20));
    const int got = gzread(file, bytes, chunk);
    if (got < 0) {
      int code = 0;
      std::string message = gzerror(file, &code);
      // zlib prefixes the message with the path, which our own prefix already gives.
      if (const std::string prefix = path.string() + ": "; message.starts_with(prefix))
        message.erase(0, prefix.size());
      throw_file_error(path, "corrupt gzip data (" + message + ")");
    }
    if (got == 0) throw_file_error(path, "truncated data");
    bytes += got;
    size -= static_cast<std::size_t>(got);
  }
}

std::uint32_t big_endian(const unsigned char* bytes) {
  return std::uint32_t{bytes[0]} << 24 | std::uint32_t{bytes[1]} << 16 | std::uint32_t{bytes[2]} << 8 |
         bytes[3];
}

// An opened IDX3 file positioned at its first image, with the sizes its header gives.
struct IdxImages {
  GzFile file;
  std::uint32_t count = 0, rows = 0, cols = 0;
};

IdxImages open_idx_images(const std::filesystem::path& gz_file) {
  std::error_code ec;
  if (!std::filesystem::exists(gz_file, ec)) throw_file_error(gz_file, "no such file");
  IdxImages idx{GzFile(gzopen(gz_file.c_str(), "rb"))};
  if (!idx.file) throw_file_error(gz_file, std::string("cannot open (") + std::strerror(errno) + ")");

  std::array<unsigned char, 16> header{};
  read_exactly(idx.file.get(), gz_file, header.data(), header.size());
  const std::uint32_t magic = big_endian(&header[0]);
  if (magic != kImageMagic) {
    char found[11];
    std::snprintf(found, sizeof found, "0x%08x", magic);
    throw_file_error(gz_file,
                     std::string("bad magic ") + found + " (expected 0x00000803, an IDX3 image file)");
  }
  idx.count = big_endian(&header[4]);
  idx.rows = big_endian(&header[8]);
  idx.cols = big_endian(&header[12]);
  if (idx.rows == 0 || idx.cols == 0 || std::uint64_t{idx.rows} * idx.cols > kMaxPixels) {
    throw_file_error(gz_file, "bad image size " + std::to_string(idx.rows) + "x" + std::to_string(idx.cols));
  }
  return idx;
}

// Images first..first+count-1 of an opened file (range checked by the caller), one per row.
Matrix read_rows(IdxImages& idx, const std::filesystem::path& gz_file, Index first, Index count) {
  // gzip streams cannot seek, so the images before the first are decompressed and dropped.
  const std::size_t image_bytes = std::size_t{idx.rows} * idx.cols;
  std::vector<unsigned char> buffer(image_bytes);
  for (Index skipped = 0; skipped < first; ++skipped) read_exactly(idx.file.get(), gz_file, buffer.data(), image_bytes);
  using Bytes = Eigen::Matrix<unsigned char, 1, Eigen::Dynamic>;
  Matrix images(count, static_cast<Index>(image_bytes));
  for (Index i = 0; i < count; ++i) {
    read_exactly(idx.file.get(), gz_file, buffer.data(), image_bytes);
    images.row(i) = Eigen::Map<const Bytes>(buffer.data(), static_cast<Index>(image_bytes)).cast<double>();
  }
  return images;
}

}  // namespace

Matrix read_idx_images(const std::filesystem::path& gz_file, Index first, Index count) {
  IdxImages idx = open_idx_images(gz_file);
  const Index available = idx.count;
  if (first < 0 || count <= 0 || first >= available || count > available - first) {
    throw InputError("fashion-mnist images " + std::to_string(first) + ".." + std::to_string(first + count - 1) +
                     " out of range (0.." + std::to_string(available - 1) + ")");
  }
  return read_rows(idx, gz_file, first, count);
}

Matrix read_idx_image(const std::filesystem::path& gz_file, Index index) {
  IdxImages idx = open_idx_images(gz_file);
  if (index < 0 || static_cast<std::uint64_t>(index) >= idx.count) {
    throw InputError("fashion-mnist index " + std::to_string(index) + " out of range (0.." +
                     std::to_string(static_cast<std::int64_t>(idx.count) - 1) + ")");
  }
  const Matrix pixels = read_rows(idx, gz_file, index, 1);  // the image row by row
  return Eigen::Map<const Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>>(
      pixels.data(), idx.rows, idx.cols);
}

std::filesystem::path fashion_mnist_file(const std::string& set) {
  const std::filesystem::path folder = "/usr/share/datasets/fashion-mnist";
  if (set == "test") return folder / "t10k-images-idx3-ubyte.gz";
  if (set == "train") return folder / "train-images-idx3-ubyte.gz";
  throw InputError("fashion-mnist set '" + set + "': expected 'train' or 'test'");
}

}  // namespace snnsense
