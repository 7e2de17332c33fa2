#include <algorithm>
#include "snnsense/io/npy.hpp"

#include <bit>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <limits>
#include <string>

#include "snnsense/io/atomic_file.hpp"
#include "snnsense/io/file_error.hpp"
#include "snnsense/io/npy_header.hpp"

namespace snnsense::npy {

// Data bytes are copied straight between memory and file, which is only right on a little-endian host.
static_assert(std::endian::native == std::endian::little,
              "the .npy reader and writer assume a little-endian host");

namespace {

template <typename T>
using RowBlock = Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

// An open .npy file whose header has been read and checked against what the caller can accept.
class ArrayFile {
 public:
  ArrayFile(const std::filesystem::path& file, int ndim) : file_(file) {
    std::error_code ec;
    if (!std::filesystem::exists(file, ec)) throw_file_error(file, "no such file");
    if (std::filesystem::is_directory(file, ec)) throw_file_error(file, "is a directory, not a .npy file");
    in_.open(file, std::ios::binary);
    if (!in_) throw_file_error(file, std::string("cannot open (") + std::strerror(errno) + ")");
    header_ = read_header(in_, file);

    const std::string& descr = header_.descr;
    if (!descr.empty() && descr[0] == '>') {
      throw_file_error(file, "big-endian dtype '" + descr + "' is not supported; save with arr.astype('<" +
                                 descr.substr(1) + "')");
    }
    // A 1-D array has the same layout in either order, so only a real Fortran-order matrix is refused.
    if (header_.fortran_order && header_.shape.size() >= 2) {
      throw_file_error(file, "Fortran-order arrays are not supported; save with np.ascontiguousarray");
    }
    if (header_.shape.size() != static_cast<std::size_t>(ndim)) {
      throw_file_error(file, "expected a " + std::to_string(ndim) + "-D array, found shape " +
                                 format_shape(header_.shape));
    }
    // A non-empty array's extents are bounded by its data, which must be in the file; an empty one
    // has no data to bound them, and loops over its other extent (copies, checks) would run that
    // long: a 0 x 10^17 header hung the reader (fuzz_npy).
    const bool empty = std::find(header_.shape.begin(), header_.shape.end(), 0) != header_.shape.end();
    if (empty)
      for (const std::int64_t extent : header_.shape)
        if (extent > kMaxEmptyExtent)
          throw_file_error(file, "malformed header (shape " + format_shape(header_.shape) +
                                     ": an array without elements may not extend beyond " +
                                     std::to_string(kMaxEmptyExtent) + ")");
  }

  const std::string& descr() const { return header_.descr; }
  Index dim(std::size_t axis) const { return static_cast<Index>(header_.shape[axis]); }

  [[noreturn]] void unsupported_dtype(const std::string& expected) const {
    throw_file_error(file_, "unsupported dtype '" + header_.descr + "' (expected " + expected + ")");
  }

  // Reads the whole data block as a rows x cols C-order array of T.
  template <typename T>
  RowBlock<T> read(Index rows, Index cols) {
    std::uint64_t count = 1;
    for (const std::int64_t extent : header_.shape) {
      if (extent != 0 && count > std::numeric_limits<std::uint64_t>::max() / sizeof(T) /
                                     static_cast<std::uint64_t>(extent)) {
        throw_file_error(file_, "malformed header (shape " + format_shape(header_.shape) + " is too large)");
      }
      count *= static_cast<std::uint64_t>(extent);
    }
    const std::uint64_t expected = count * sizeof(T);
    // Checked against the file size first, so a corrupt shape cannot make us allocate gigabytes.
    std::error_code ec;
    const auto size = std::filesystem::file_size(file_, ec);
    const auto offset = static_cast<std::uintmax_t>(in_.tellg());
    if (!ec && size - offset < expected) truncated(expected, size - offset);

    RowBlock<T> block(rows, cols);
    in_.read(reinterpret_cast<char*>(block.data()), static_cast<std::streamsize>(expected));
    if (static_cast<std::uint64_t>(in_.gcount()) != expected) truncated(expected, in_.gcount());
    return block;
  }

 private:
  [[noreturn]] void truncated(std::uint64_t expected, std::uint64_t found) const {
    throw_file_error(file_, "truncated data (expected " + std::to_string(expected) + " bytes, found " +
                                std::to_string(found) + ")");
  }

  const std::filesystem::path& file_;
  std::ifstream in_;
  Header header_;
};

// Floating-point data as a rows x cols matrix, whatever float width the file holds.
RowBlock<double> read_floats(ArrayFile& array, Index rows, Index cols) {
  if (array.descr() == "<f8") return array.read<double>(rows, cols);
  if (array.descr() == "<f4") return array.read<float>(rows, cols).cast<double>();
  array.unsupported_dtype("float64 or float32");
}

void write_array(const std::filesystem::path& file, const Header& header, const void* data,
                 std::size_t bytes) {
  const std::string preamble = encode_header(header);
  write_file_atomically(file, [&](std::ostream& out) {
    out.write(preamble.data(), static_cast<std::streamsize>(preamble.size()));
    out.write(static_cast<const char*>(data), static_cast<std::streamsize>(bytes));
  });
}

}  // namespace

Matrix read_matrix(const std::filesystem::path& file) {
  ArrayFile array(file, 2);
  return read_floats(array, array.dim(0), array.dim(1));
}

Vector read_vector(const std::filesystem::path& file) {
  ArrayFile array(file, 1);
  return read_floats(array, array.dim(0), 1).col(0);
}

IndexVector read_index_vector(const std::filesystem::path& file) {
  ArrayFile array(file, 1);
  const Index n = array.dim(0);
  if (array.descr() == "<i8") return array.read<std::int64_t>(n, 1).col(0);
  if (array.descr() == "<i4") return array.read<std::int32_t>(n, 1).cast<std::int64_t>().col(0);
  array.unsupported_dtype("int64 or int32");
}

void write_matrix(const std::filesystem::path& file, const RowMatrix& matrix) {
  write_array(file, {"<f8", false, {matrix.rows(), matrix.cols()}}, matrix.data(),
              sizeof(double) * matrix.size());
}

void write_matrix(const std::filesystem::path& file, const Matrix& matrix) {
  write_matrix(file, RowMatrix(matrix));
}

void write_vector(const std::filesystem::path& file, const Vector& vector) {
  write_array(file, {"<f8", false, {vector.size()}}, vector.data(), sizeof(double) * vector.size());
}

void write_index_vector(const std::filesystem::path& file, const IndexVector& vector) {
  write_array(file, {"<i8", false, {vector.size()}}, vector.data(), sizeof(std::int64_t) * vector.size());
}

}  // namespace snnsense::npy
