#include <gtest/gtest.h>

#include <algorithm>
#include <functional>

#include "snnsense/core/error.hpp"
#include "snnsense/core/rng.hpp"
#include "snnsense/linalg/spectral_activation.hpp"

using namespace snnsense;

namespace {

// Central differences of the scalar loss <W, sigma_f(Q)> with respect to every entry of Q.
Matrix finite_difference_gradient(const SpectralActivation& act, const Matrix& Q, const Matrix& W, double h) {
  Matrix grad(Q.rows(), Q.cols());
  SpectralActivationCache cache;
  for (Index i = 0; i < Q.rows(); ++i) {
    for (Index j = 0; j < Q.cols(); ++j) {
      Matrix plus = Q, minus = Q;
      plus(i, j) += h;
      minus(i, j) -= h;
      const double lp = (W.array() * act.forward(plus, cache).array()).sum();
      const double lm = (W.array() * act.forward(minus, cache).array()).sum();
      grad(i, j) = (lp - lm) / (2 * h);
    }
  }
  return grad;
}

Matrix with_singular_values(Rng& rng, Index p, Index q, const std::vector<double>& s) {
  const Matrix U = rng.orthogonal(p).leftCols(s.size());
  const Matrix V = rng.orthogonal(q).leftCols(s.size());
  Vector sv = Eigen::Map<const Vector>(s.data(), s.size());
  return U * sv.asDiagonal() * V.transpose();
}

struct Case {
  std::string name;
  std::function<Matrix(Rng&)> make;
};

std::vector<Case> cases() {
  return {
      {"random square", [](Rng& r) { return r.normal_matrix(6, 6); }},
      {"random tall", [](Rng& r) { return r.normal_matrix(7, 4); }},
      {"random wide", [](Rng& r) { return r.normal_matrix(3, 8); }},
      {"eps identity", [](Rng&) { return Matrix(1e-4 * Matrix::Identity(5, 5)); }},
      {"eps identity squared", [](Rng&) { return Matrix(1e-8 * Matrix::Identity(5, 5)); }},
      {"eps identity tall", [](Rng&) { return Matrix(1e-4 * Matrix::Identity(7, 4)); }},
      {"eps identity wide", [](Rng&) { return Matrix(1e-4 * Matrix::Identity(4, 7)); }},
      {"rank deficient square", [](Rng& r) { return with_singular_values(r, 6, 6, {1.5, 0.7}); }},
      {"rank deficient tall", [](Rng& r) { return with_singular_values(r, 7, 4, {2.0, 0.3}); }},
      {"rank deficient wide", [](Rng& r) { return with_singular_values(r, 4, 7, {0.9}); }},
      {"repeated singular values", [](Rng& r) { return with_singular_values(r, 6, 6, {1.2, 1.2, 1.2, 0.4, 0.4, 0.1}); }},
      {"zero matrix", [](Rng&) { return Matrix(Matrix::Zero(4, 5)); }},
  };
}

}  // namespace

class SpectralActivationGradient : public ::testing::TestWithParam<std::string> {};

TEST_P(SpectralActivationGradient, MatchesCentralDifferences) {
  const SpectralActivation act(Activation::from_name(GetParam(), 1.5));
  for (const Case& c : cases()) {
    Rng rng(11);
    const Matrix Q = c.make(rng);
    const Matrix W = rng.normal_matrix(Q.rows(), Q.cols());
    SpectralActivationCache cache;
    act.forward(Q, cache);
    const Matrix analytic = act.backward(cache, W);
    ASSERT_TRUE(analytic.allFinite()) << c.name;
    // A small step: softsign's f'' jumps at 0, so at rank-deficient Q the central difference errs
    // by O(h) rather than O(h^2); roundoff at this step is still near 1e-9.
    const double h = 1e-7 * std::max(Q.norm(), 1e-3);
    const Matrix numeric = finite_difference_gradient(act, Q, W, h);
    const double rel = (analytic - numeric).norm() / numeric.norm();
    EXPECT_LT(rel, 1e-6) << GetParam() << ", " << c.name;
  }
}

INSTANTIATE_TEST_SUITE_P(AllActivations, SpectralActivationGradient,
                         ::testing::ValuesIn(Activation::names()),
                         [](const auto& info) {
                           std::string n = info.param;
                           std::replace(n.begin(), n.end(), '-', '_');
                           return n;
                         });

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

TEST(Activation, EveryOfferedFunctionVanishesAtZero) {
  for (const std::string& name : Activation::names()) EXPECT_EQ(Activation::from_name(name, 2.0).value(0.0), 0.0) << name;
}

TEST(Activation, DerivativeFromTheValueMatchesTheDerivative) {
  for (const std::string& name : Activation::names()) {
    for (const double scale : {0.5, 1.0, 3.0}) {
      const Activation f = Activation::from_name(name, scale);
      for (const double s : {0.0, 1e-9, 0.03, 0.7, 1.0, 2.5, 9.0, -0.4, -3.0}) {
        const double expected = f.derivative(s);
        EXPECT_NEAR(f.derivative_from_value(s, f.value(s)), expected, 4e-16 * std::max(1.0, std::abs(expected)))
            << name << " scale " << scale << " at " << s;
      }
    }
  }
  // Bit for bit for tanh, the default: the backward pass gives the same results as before.
  const Activation tanh;
  for (const double s : {0.0, 0.3, 1.7, 20.0}) EXPECT_EQ(tanh.derivative_from_value(s, tanh.value(s)), tanh.derivative(s));
}

TEST(Activation, RejectsUnknownAndNonCentredFunctions) {
  EXPECT_THROW(Activation::from_name("relu"), InputError);
  try {
    Activation::from_name("sigmoid");
    FAIL();
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("f(0) != 0"), std::string::npos);
  }
  EXPECT_THROW(Activation::from_name("scaled-tanh", -1.0), InputError);
}
