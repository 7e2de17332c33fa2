#pragma once
// The .npy files that store each kind of operator in a problem directory, one row per measurement,
// training rows first: dense A.npy (m+t, n1*n2); spectral phi.npy (n1, k), psi.npy (n2, k),
// coefficients.npy (m+t, k); completion rows.npy, cols.npy (int64, m+t); rank-one left.npy (m+t, n1),
// right.npy (m+t, n2).
#include <filesystem>

#include "snnsense/operators/measurement_operator.hpp"

namespace snnsense {

// train and test must be of the same kind and shape (and, if spectral, share their bases).
void save_operator_files(const MeasurementOperator& train, const MeasurementOperator& test,
                         const std::filesystem::path& dir);

// All `count` measurements; throws FileError naming the file at fault.
OperatorPtr load_operator_files(OperatorKind kind, const std::filesystem::path& dir, Index n1, Index n2, Index count);

}  // namespace snnsense
