#include "snnsense/models/span_basis.hpp"

#include "snnsense/core/error.hpp"
#include "snnsense/linalg/svd/thin_svd.hpp"
#include "snnsense/linalg/thin_qr.hpp"

namespace snnsense {

SpanBasis span_basis(Eigen::Ref<const Matrix> M, const Matrix* previous) {
  const Index n = M.rows(), columns = M.cols();
  if (n <= 0 || columns <= 0) throw InputError("span basis: needs at least one row and one column");
  Vector norms = M.colwise().norm().transpose();
  for (Index j = 0; j < columns; ++j)
    if (norms(j) == 0.0) norms(j) = 1.0;
  ThinQr qr = thin_qr(M * norms.cwiseInverse().asDiagonal());
  SpanBasis out;
  out.coordinates = qr.R * norms.asDiagonal();
  if (!previous) {
    out.basis = std::move(qr.Q);
    return out;
  }
  if (previous->rows() != qr.Q.rows() || previous->cols() != qr.Q.cols())
    throw InputError("span basis: a " + std::to_string(qr.Q.rows()) + " x " + std::to_string(qr.Q.cols()) +
                     " basis against a previous " + std::to_string(previous->rows()) + " x " +
                     std::to_string(previous->cols()) + " one");
  const ThinSvd svd = thin_svd(qr.Q.transpose() * *previous);
  const Matrix rotation = svd.U * svd.V.transpose();
  out.basis.noalias() = qr.Q * rotation;
  out.coordinates = rotation.transpose() * out.coordinates;
  return out;
}

}  // namespace snnsense
