#pragma once
// Quantities read off the singular values of X that the paper tracks during training.
#include "snnsense/core/types.hpp"

namespace snnsense {

// The `rank` metric counts singular values above kRankTolerance * s_max. numpy's and PyTorch's
// default (max(n1, n2) * eps * s_max) counts the round-off-level tail that gradient descent leaves
// in every trained matrix, so it read full rank for every method; a relative tolerance of 1e-4
// tells a low-rank reconstruction from a full-rank one, and still counts every direction of the
// paper's synthetic X* (W W^T with W 10 x 6 uniform: s_6 / s_1 stays above 2e-4 over 2 000 draws).
inline constexpr double kRankTolerance = 1e-4;

struct SpectrumMetrics {
  Vector singular_values;  // descending
  double nuclear_norm = 0.0;
  // exp of the Shannon entropy of s / sum(s) (Roy & Vetterli); 0 for the zero matrix.
  double effective_rank = 0.0;
  Index rank = 0;  // numerical_rank(singular_values)
};

SpectrumMetrics spectrum_metrics(const Matrix& X);
// From the singular values (descending) alone: an estimate's, which need not be dense.
SpectrumMetrics spectrum_from_singular_values(Vector singular_values);
double nuclear_norm(const Matrix& X);
// Singular values (descending) above relative_tolerance * the largest; 0 for the zero matrix.
Index numerical_rank(const Vector& singular_values, double relative_tolerance = kRankTolerance);

}  // namespace snnsense
