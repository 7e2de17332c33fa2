#include "snnsense/problems/problem_arrays.hpp"

#include <cmath>
#include <string>

#include "snnsense/core/error.hpp"
#include "snnsense/io/npy.hpp"
#include "snnsense/problems/number_text.hpp"

namespace snnsense {

namespace {

constexpr double kOrthonormalTolerance = 1e-8;

[[noreturn]] void fail(const std::filesystem::path& file, const std::string& fault) {
  throw FileError(file.string() + ": " + fault);
}

std::string non_finite_name(double value) {
  if (std::isnan(value)) return "NaN";
  return value > 0 ? "inf" : "-inf";
}

void check_shape(const std::filesystem::path& file, Index rows, Index cols, const ExpectedShape& expected) {
  if (rows == expected.rows && (!expected.cols || cols == *expected.cols)) return;
  const std::string expected_cols = expected.cols ? std::to_string(*expected.cols) : "k";
  fail(file, "shape (" + std::to_string(rows) + ", " + std::to_string(cols) + ") disagrees with " +
                 std::string(expected.source) + " (expects (" + std::to_string(expected.rows) + ", " + expected_cols + "))");
}

void check_length(const std::filesystem::path& file, Index size, Index expected) {
  if (size != expected)
    fail(file, "shape (" + std::to_string(size) + ",) disagrees with problem.json (expects (" + std::to_string(expected) + ",))");
}

}  // namespace

Matrix read_checked_matrix(const std::filesystem::path& file, const ExpectedShape& shape) {
  Matrix matrix = npy::read_matrix(file);
  check_shape(file, matrix.rows(), matrix.cols(), shape);
  // Row by row, so the first bad entry reported is the first in the file's C order.
  for (Index i = 0; i < matrix.rows(); ++i)
    for (Index j = 0; j < matrix.cols(); ++j)
      if (!std::isfinite(matrix(i, j)))
        fail(file, "entry (" + std::to_string(i) + ", " + std::to_string(j) + ") is " + non_finite_name(matrix(i, j)));
  return matrix;
}

Vector read_checked_vector(const std::filesystem::path& file, Index size) {
  Vector vector = npy::read_vector(file);
  check_length(file, vector.size(), size);
  for (Index i = 0; i < size; ++i)
    if (!std::isfinite(vector(i))) fail(file, "entry " + std::to_string(i) + " is " + non_finite_name(vector(i)));
  return vector;
}

IndexVector read_checked_indices(const std::filesystem::path& file, Index size, Index bound, std::string_view axis) {
  IndexVector indices = npy::read_index_vector(file);
  check_length(file, indices.size(), size);
  for (Index i = 0; i < size; ++i)
    if (indices(i) < 0 || indices(i) >= bound)
      fail(file, "entry " + std::to_string(i) + " is " + std::to_string(indices(i)) + ", outside [0, " +
                     std::to_string(bound) + ") (the matrix has " + std::to_string(bound) + " " + std::string(axis) + ")");
  return indices;
}

void check_orthonormal_columns(const Matrix& basis, const std::filesystem::path& file) {
  const Matrix gram = basis.transpose() * basis;
  const double deviation = (gram - Matrix::Identity(gram.rows(), gram.cols())).cwiseAbs().maxCoeff();
  if (!(deviation <= kOrthonormalTolerance))
    fail(file, "columns are not orthonormal (max |B^T B - I| = " + number_text(deviation) + ", tolerance " +
                   number_text(kOrthonormalTolerance) + ")");
}

}  // namespace snnsense
