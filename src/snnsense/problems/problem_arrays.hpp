#pragma once
// A problem's .npy files read with the checks io leaves to its callers: shapes against what
// problem.json says, finite values, index bounds, orthonormal bases. Every message starts with the file.
#include <filesystem>
#include <optional>
#include <string_view>

#include "snnsense/core/types.hpp"

namespace snnsense {

// The shape a file must have; an unset column count accepts any and is shown as "k".
struct ExpectedShape {
  Index rows;
  std::optional<Index> cols;
  std::string_view source = "problem.json";  // where the expectation comes from, for the message
};

Matrix read_checked_matrix(const std::filesystem::path& file, const ExpectedShape& shape);
Vector read_checked_vector(const std::filesystem::path& file, Index size);
// Every entry in [0, bound); `axis` ("rows", "columns") says what the entries index.
IndexVector read_checked_indices(const std::filesystem::path& file, Index size, Index bound, std::string_view axis);

// Phi and Psi of a spectral operator: orthonormal columns to within 1e-8.
void check_orthonormal_columns(const Matrix& basis, const std::filesystem::path& file);

}  // namespace snnsense
