#include "snnsense/models/span_basis.hpp"

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
  // dgesdd's U has orthonormal columns for zero singular values too.
  return thin_svd(M).U;
}

void align_basis(Matrix& basis, const Matrix& previous) {
  if (basis.rows() != previous.rows() || basis.cols() != previous.cols())
    throw InputError("align basis: a " + std::to_string(basis.rows()) + " x " + std::to_string(basis.cols()) +
                     " basis against a " + std::to_string(previous.rows()) + " x " + std::to_string(previous.cols()) +
                     " one");
  const ThinSvd svd = thin_svd(basis.transpose() * previous);
  const Matrix rotation = svd.U * svd.V.transpose();
  basis = basis * rotation;
}

}  // namespace snnsense
