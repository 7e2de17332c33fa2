#include <gtest/gtest.h>

#include "snnsense/core/rng.hpp"
#include "snnsense/linalg/spectral_activation.hpp"

using namespace snnsense;

TEST(SpectralActivation, IdentityFunctionReturnsItsInput) {
  Rng rng(2);
  const Matrix Q = rng.normal_matrix(5, 3);
  SpectralActivationCache cache;
  EXPECT_LT((SpectralActivation(Activation::from_name("identity")).forward(Q, cache) - Q).norm(), 1e-12);
}

TEST(SpectralActivation, SymmetricPsdInputMatchesEigenFunction) {
  // For a symmetric positive semi-definite Q the SVD is the eigendecomposition, so sigma_f is f
  // applied to the eigenvalues: an independent route to the forward value.
  Rng rng(5);
  const Matrix B = rng.normal_matrix(6, 3);
  const Matrix Q = B * B.transpose();
  Eigen::SelfAdjointEigenSolver<Matrix> eig(Q);
  const Vector f = eig.eigenvalues().array().max(0.0).tanh();
  const Matrix expected = eig.eigenvectors() * f.asDiagonal() * eig.eigenvectors().transpose();
  SpectralActivationCache cache;
  EXPECT_LT((SpectralActivation().forward(Q, cache) - expected).norm(), 1e-12);
}
