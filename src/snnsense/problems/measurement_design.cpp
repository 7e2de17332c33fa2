#include "snnsense/problems/measurement_design.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <functional>
#include <stdexcept>
#include <string_view>
#include <unordered_map>

#include "snnsense/core/error.hpp"
#include "snnsense/linalg/svd/thin_svd.hpp"
#include "snnsense/operators/completion_operator.hpp"
#include "snnsense/operators/dense_operator.hpp"
#include "snnsense/operators/rank_one_operator.hpp"
#include "snnsense/operators/spectral_operator.hpp"

namespace snnsense {

namespace {

OperatorPtr gaussian(Index n1, Index n2, Index count, double scale, Rng& rng) {
  RowMatrix A = scale * rng.normal_matrix(count, n1 * n2);
  return std::make_shared<DenseOperator>(std::move(A), n1, n2);
}

OperatorPtr spectral(const Matrix& x_true, Index count, double scale, Rng& rng) {
  ThinSvd svd = thin_svd(x_true);
  RowMatrix coefficients = scale * rng.normal_matrix(count, svd.s.size());
  for (Index i = 0; i < count; ++i) {
    double* row = coefficients.row(i).data();
    std::sort(row, row + coefficients.cols(), std::greater<>());
  }
  return std::make_shared<SpectralOperator>(std::move(svd.U), std::move(svd.V), std::move(coefficients));
}

// Partial Fisher-Yates over the entry indices 0..total-1: after step i the first i+1 slots hold a
// uniform sample without replacement. Only slots that were swapped are stored, so memory is
// O(count) rather than O(n1 n2), which matters for large matrices observed sparsely.
OperatorPtr completion(Index n1, Index n2, Index count, Rng& rng) {
  const Index total = n1 * n2;
  std::unordered_map<Index, Index> swapped;
  const auto slot = [&](Index k) {
    const auto it = swapped.find(k);
    return it == swapped.end() ? k : it->second;
  };
  IndexVector rows(count), cols(count);
  for (Index i = 0; i < count; ++i) {
    const Index j = i + static_cast<Index>(rng.below(static_cast<std::uint64_t>(total - i)));
    const Index entry = slot(j);
    swapped[j] = slot(i);
    rows(i) = entry / n2;  // C order, like vec(X) everywhere else
    cols(i) = entry % n2;
  }
  return std::make_shared<CompletionOperator>(std::move(rows), std::move(cols), n1, n2);
}

OperatorPtr rank_one(Index n1, Index n2, Index count, double scale, Rng& rng) {
  const double root = std::sqrt(scale);
  Matrix left(count, n1), right(count, n2);
  // Measurement by measurement, so the first m measurements do not depend on how many follow.
  for (Index i = 0; i < count; ++i) {
    left.row(i) = root * rng.normal_matrix(1, n1);
    right.row(i) = root * rng.normal_matrix(1, n2);
  }
  return std::make_shared<RankOneOperator>(std::move(left), std::move(right));
}

}  // namespace

double stored_entries(Design design, Index n1, Index n2, Index count) {
  const double m = static_cast<double>(count);
  switch (design) {
    case Design::gaussian: return m * static_cast<double>(n1) * static_cast<double>(n2);
    case Design::spectral: return m * static_cast<double>(std::min(n1, n2));
    case Design::completion: return 2.0 * m;
    case Design::rank_one: return m * static_cast<double>(n1 + n2);
  }
  throw std::logic_error("unhandled Design");
}

OperatorPtr draw_operator(Design design, const Matrix& x_true, Index count, double scale, Rng& rng) {
  const Index n1 = x_true.rows(), n2 = x_true.cols();
  switch (design) {
    case Design::gaussian: return gaussian(n1, n2, count, scale, rng);
    case Design::spectral: return spectral(x_true, count, scale, rng);
    case Design::completion: return completion(n1, n2, count, rng);
    case Design::rank_one: return rank_one(n1, n2, count, scale, rng);
  }
  throw std::logic_error("unhandled Design");
}

}  // namespace snnsense
