#pragma once
// NumPy .npy files, the on-disk form of every array: little-endian, C order. Reading accepts
// float32 and int32 as well and widens them; writing always uses float64 / int64.
// Reading does not check finiteness: that is the problem loader's business.
#include <cstdint>
#include <filesystem>

#include "snnsense/core/types.hpp"

namespace snnsense::npy {

// The largest extent an array without elements (a 0 in its shape) may have: 2^26. Such an array
// holds no data to bound its shape, and loops over it would run as long as the extent says.
inline constexpr std::int64_t kMaxEmptyExtent = std::int64_t{1} << 26;

Matrix read_matrix(const std::filesystem::path& file);             // 2-D '<f8' or '<f4'
Vector read_vector(const std::filesystem::path& file);             // 1-D '<f8' or '<f4'
IndexVector read_index_vector(const std::filesystem::path& file);  // 1-D '<i8' or '<i4'

// Atomic: the file is written under a temporary name beside `file` and renamed into place.
void write_matrix(const std::filesystem::path& file, const Matrix& matrix);
void write_matrix(const std::filesystem::path& file, const RowMatrix& matrix);
// Any other matrix expression (a product, a block, Matrix::Zero(...)), which would otherwise be
// ambiguous between the two overloads above.
template <typename Derived>
void write_matrix(const std::filesystem::path& file, const Eigen::MatrixBase<Derived>& matrix) {
  write_matrix(file, RowMatrix(matrix));
}
void write_vector(const std::filesystem::path& file, const Vector& vector);
void write_index_vector(const std::filesystem::path& file, const IndexVector& vector);

}  // namespace snnsense::npy
