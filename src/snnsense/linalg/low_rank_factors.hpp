#pragma once
// A matrix held as thin factors, M = left right^T (left n1 x k, right n2 x k): the ground truth of a
// problem too large to store densely. Never formed as an n1 x n2 matrix by the code that takes it.
#include <string>

#include "snnsense/core/types.hpp"

namespace snnsense {

struct LowRankFactors {
  Matrix left;   // n1 x k
  Matrix right;  // n2 x k

  Index rows() const { return left.rows(); }
  Index cols() const { return right.rows(); }
  Index rank() const { return left.cols(); }  // at most; the factors need not be independent

  // ||left right^T||_F^2 = trace((left^T left)(right^T right)), O((n1 + n2) k^2).
  double squared_norm() const;
};

// InputError naming `what` unless the factors have equal widths.
void check_factor_shapes(const LowRankFactors& factors, const std::string& what);

}  // namespace snnsense
