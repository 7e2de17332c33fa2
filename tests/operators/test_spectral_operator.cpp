#include <gtest/gtest.h>

#include "snnsense/core/error.hpp"
#include "snnsense/core/rng.hpp"
#include "snnsense/operators/spectral_operator.hpp"

using namespace snnsense;

// With orthonormal bases, X = Phi diag(s) Psi^T is measured as y = a s: the operator sees exactly
// the spectrum of X in the shared bases, which is what makes the problem well-specified.
TEST(SpectralOperator, MeasuresTheSpectrumInTheSharedBases) {
  Rng rng(11);
  const Index m = 9, n1 = 5, n2 = 3, k = 3;
  const Matrix phi = rng.orthogonal(n1).leftCols(k), psi = rng.orthogonal(n2);
  const Matrix a = rng.normal_matrix(m, k);
  const Vector s = rng.uniform_matrix(k, 1);
  const SpectralOperator op(phi, psi, a);

  const Vector expected = a * s;
  EXPECT_LE((op.apply(phi * s.asDiagonal() * psi.transpose()) - expected).norm(), 1e-12 * expected.norm());
  EXPECT_EQ(op.phi(), phi);
  EXPECT_EQ(op.psi(), psi);
  EXPECT_EQ(op.coefficients(), a);
}

TEST(SpectralOperator, RejectsMismatchedShapes) {
  EXPECT_THROW(SpectralOperator(Matrix::Zero(4, 2), Matrix::Zero(3, 3), Matrix::Zero(6, 2)), InputError);
  EXPECT_THROW(SpectralOperator(Matrix::Zero(4, 2), Matrix::Zero(3, 2), Matrix::Zero(6, 3)), InputError);
  EXPECT_THROW(SpectralOperator(Matrix::Zero(0, 2), Matrix::Zero(3, 2), Matrix::Zero(6, 2)), InputError);
}
