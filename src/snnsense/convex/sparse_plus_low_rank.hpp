#pragma once
// Z = A*(s) + L R^T: the matrix soft-impute thresholds, held as a sparse part (the adjoint of a
// completion operator applied to a vector over the observed entries; repeated entries add up)
// plus a low-rank part, and never formed. Products Z V and Z^T U with thin V, U cost
// O(m b + (n1 + n2) k b) for b columns; the truncated SVD uses only them (the softImpute
// package's "sparse plus low rank" idea).
#include <cstdint>

#include "snnsense/operators/completion_operator.hpp"

namespace snnsense {

struct TruncatedSvd {
  Matrix U;  // n1 x k
  Vector s;  // k, descending
  Matrix V;  // n2 x k
};

class SparsePlusLowRank {
 public:
  // op must outlive this object; s has op.measurements() entries; left is n1 x k, right n2 x k.
  SparsePlusLowRank(const CompletionOperator& op, Vector s, Matrix left, Matrix right);

  Index rows() const { return op_.rows(); }
  Index cols() const { return op_.cols(); }

  Matrix times(const Matrix& V) const;            // Z V, V n2 x b
  Matrix transpose_times(const Matrix& U) const;  // Z^T U, U n1 x b

  // The k largest singular triplets (k is clamped to min(n1, n2)), from the eigenpairs of the Gram
  // operator of the smaller side (Z^T Z or Z Z^T): Spectra's Lanczos, started from a vector drawn
  // with `seed`, or, when the Krylov space would span most of that side (2k + 1 > min(n1, n2)), a
  // dense eigendecomposition of that min(n1, n2)-square Gram matrix built column by column.
  // Squaring loses accuracy only in singular values far below the largest, which soft-impute
  // thresholds away. `previous` (the triplets of a nearby matrix, such as the last iterate's)
  // warm-starts the Lanczos: its singular vectors join the random start vector. Throws
  // NumericalError if the Lanczos iteration does not converge.
  TruncatedSvd truncated_svd(Index k, std::uint64_t seed, const TruncatedSvd* previous = nullptr) const;

 private:
  const CompletionOperator& op_;
  Vector s_;
  Matrix left_;
  Matrix right_;
};

}  // namespace snnsense
