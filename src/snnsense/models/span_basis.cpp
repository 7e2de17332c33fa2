#include "snnsense/models/span_basis.hpp"

#include <algorithm>
#include <limits>

#include "snnsense/core/error.hpp"
#include "snnsense/linalg/svd/thin_svd.hpp"

namespace snnsense {

Matrix span_basis(std::span<const double* const> blocks, Index n, Index r) {
  const Index columns = static_cast<Index>(blocks.size()) * r;
  if (n <= 0 || columns <= 0) throw InputError("span basis: needs at least one row and one column");
  Matrix M(n, columns);
  for (std::size_t k = 0; k < blocks.size(); ++k)
    M.middleCols(static_cast<Index>(k) * r, r) = Eigen::Map<const Matrix>(blocks[k], n, r);
  for (Index j = 0; j < columns; ++j) {
    const double norm = M.col(j).norm();
    if (norm > 0.0) M.col(j) /= norm;
  }
  const ThinSvd svd = thin_svd(M);  // U is n x min(n, columns)
  const double tolerance =
      static_cast<double>(std::max(n, columns)) * std::numeric_limits<double>::epsilon() * svd.s(0);
  Index rank = 0;
  while (rank < svd.s.size() && svd.s(rank) > tolerance) ++rank;
  return svd.U.leftCols(std::max<Index>(rank, 1));
}

}  // namespace snnsense
