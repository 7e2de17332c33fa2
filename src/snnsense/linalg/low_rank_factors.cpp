#include "snnsense/linalg/low_rank_factors.hpp"

#include <string>

#include "snnsense/core/error.hpp"

namespace snnsense {

double LowRankFactors::squared_norm() const {
  return ((left.transpose() * left).cwiseProduct(right.transpose() * right)).sum();
}

void check_factor_shapes(const LowRankFactors& factors, const std::string& what) {
  if (factors.left.cols() != factors.right.cols())
    throw InputError(what + ": the left factor is " + std::to_string(factors.left.rows()) + " x " +
                     std::to_string(factors.left.cols()) + " but the right one " + std::to_string(factors.right.rows()) +
                     " x " + std::to_string(factors.right.cols()) + " (M = left right^T needs equal widths)");
}

}  // namespace snnsense
