#pragma once
// Quantities read off the singular values of X that the paper tracks during training.
#include "snnsense/core/types.hpp"

namespace snnsense {

struct SpectrumMetrics {
  Vector singular_values;  // descending
  double nuclear_norm = 0.0;
  // exp of the Shannon entropy of s / sum(s) (Roy & Vetterli); 0 for the zero matrix.
  double effective_rank = 0.0;
  // Singular values above max(n1, n2) * eps * s_max: the default of numpy's and PyTorch's
  // matrix_rank, so ranks read the same as in the authors' notebook.
  Index rank = 0;
};

SpectrumMetrics spectrum_metrics(const Matrix& X);
double nuclear_norm(const Matrix& X);

}  // namespace snnsense
