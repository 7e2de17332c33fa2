#pragma once
// Singular value thresholding, the proximal map of tau ||.||_*: U diag(max(s - tau, 0)) V^T.
#include "snnsense/core/types.hpp"

namespace snnsense {

struct Thresholded {
  Matrix X;
  double nuclear_norm = 0.0;  // of X, read off the shrunk singular values
};

Thresholded singular_value_threshold(const Matrix& Z, double tau);

}  // namespace snnsense
