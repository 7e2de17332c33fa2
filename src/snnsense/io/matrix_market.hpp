#pragma once
// Matrix Market coordinate files (.mtx), as scipy.io.mmwrite writes a sparse matrix:
//   %%MatrixMarket matrix coordinate real|integer general|symmetric|skew-symmetric
//   % comments
//   M N NNZ
//   i j value        (NNZ lines, 1-based)
// Symmetric files store the lower triangle; each off-diagonal entry is expanded to both (i, j) and
// (j, i) (skew-symmetric: with the value negated). Refused with one line: `array` (dense) files,
// `complex`, `pattern` (no values) and `hermitian` fields, entries outside the size line's shape,
// and a count of entries that differs from NNZ.
#include <filesystem>

#include "snnsense/io/triplets.hpp"

namespace snnsense {

// The ids stay 1-based as written; Triplets::shape holds M x N. Throws FileError
// "<file>:<line>: <fault>".
Triplets read_matrix_market(const std::filesystem::path& file);

}  // namespace snnsense
