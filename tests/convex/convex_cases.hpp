#pragma once
// Seeded instances for the convex solver tests: low-rank matrices and each measurement operator.
#include <memory>

#include "snnsense/core/error.hpp"
#include "snnsense/core/rng.hpp"
#include "snnsense/linalg/spectral_basis.hpp"
#include "snnsense/operators/completion_operator.hpp"
#include "snnsense/operators/dense_operator.hpp"
#include "snnsense/operators/rank_one_operator.hpp"
#include "snnsense/operators/spectral_operator.hpp"

namespace snnsense::testing {

inline Matrix low_rank(Rng& rng, Index n1, Index n2, Index rank) {
  return rng.normal_matrix(n1, rank) * rng.normal_matrix(n2, rank).transpose();
}

inline std::shared_ptr<DenseOperator> gaussian_operator(Rng& rng, Index m, Index n1, Index n2) {
  return std::make_shared<DenseOperator>(rng.normal_matrix(m, n1 * n2), n1, n2);
}

// m distinct entries, uniformly.
inline std::shared_ptr<CompletionOperator> completion_operator(Rng& rng, Index m, Index n1, Index n2) {
  std::vector<Index> entries(static_cast<std::size_t>(n1 * n2));
  for (Index e = 0; e < n1 * n2; ++e) entries[static_cast<std::size_t>(e)] = e;
  IndexVector rows(m), cols(m);
  for (Index i = 0; i < m; ++i) {
    const auto j = static_cast<std::size_t>(i) + rng.below(entries.size() - static_cast<std::size_t>(i));
    std::swap(entries[static_cast<std::size_t>(i)], entries[j]);
    rows(i) = entries[static_cast<std::size_t>(i)] / n2;
    cols(i) = entries[static_cast<std::size_t>(i)] % n2;
  }
  return std::make_shared<CompletionOperator>(rows, cols, n1, n2);
}

inline std::shared_ptr<RankOneOperator> rank_one_operator(Rng& rng, Index m, Index n1, Index n2) {
  return std::make_shared<RankOneOperator>(rng.normal_matrix(m, n1), rng.normal_matrix(m, n2));
}

// A_i = Phi diag(a_i) Psi^T with Gaussian a_i, and the basis that makes it well-specified.
struct WellSpecified {
  std::shared_ptr<SpectralOperator> op;
  SpectralBasis basis;
};

inline WellSpecified well_specified_operator(Rng& rng, Index m, Index n) {
  SpectralBasis basis{rng.orthogonal(n), rng.orthogonal(n)};
  return {std::make_shared<SpectralOperator>(basis.phi, basis.psi, rng.normal_matrix(m, n)), basis};
}

inline double relative_gap(const Matrix& a, const Matrix& b) { return (a - b).norm() / b.norm(); }

}  // namespace snnsense::testing
