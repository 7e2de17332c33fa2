#pragma once
// The well-specified operator A_i = Phi diag(a_i) Psi^T: every A_i shares the bases Phi (n1 x k)
// and Psi (n2 x k), orthonormal columns by convention, and row i of the m x k coefficient matrix.
// A_i is never formed: <A_i, X> = a_i . diag(Phi^T X Psi), so one apply costs O(n1 n2 k + m k).
#include "snnsense/operators/measurement_operator.hpp"

namespace snnsense {

class SpectralOperator final : public MeasurementOperator {
 public:
  SpectralOperator(Matrix phi, Matrix psi, Matrix coefficients);

  OperatorKind kind() const override { return OperatorKind::spectral; }
  Index measurements() const override { return coefficients_.rows(); }
  Index rows() const override { return phi_.rows(); }
  Index cols() const override { return psi_.rows(); }

  Vector apply(const Matrix& X) const override;
  Matrix adjoint(const Vector& r) const override;
  OperatorPtr subset(std::span<const Index> indices) const override;

  const Matrix& phi() const { return phi_; }
  const Matrix& psi() const { return psi_; }
  const Matrix& coefficients() const { return coefficients_; }

 private:
  Matrix phi_;
  Matrix psi_;
  Matrix coefficients_;
};

}  // namespace snnsense
