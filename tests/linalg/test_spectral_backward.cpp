#include <gtest/gtest.h>

#include <algorithm>
#include <functional>

#include "snnsense/core/rng.hpp"
#include "snnsense/linalg/spectral_backward.hpp"

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

class SpectralBackward : public ::testing::TestWithParam<std::string> {};

TEST_P(SpectralBackward, MatchesCentralDifferences) {
  const SpectralActivation act(Activation::from_name(GetParam(), 1.5));
  for (const Case& c : cases()) {
    Rng rng(11);
    const Matrix Q = c.make(rng);
    const Matrix W = rng.normal_matrix(Q.rows(), Q.cols());
    SpectralActivationCache cache;
    act.forward(Q, cache);
    Matrix analytic;
    spectral_backward(act.function(), cache, W, analytic);
    ASSERT_TRUE(analytic.allFinite()) << c.name;
    EXPECT_TRUE(act.backward(cache, W) == analytic) << "the activation's own backward is this function";
    // A small step: softsign's f'' jumps at 0, so at rank-deficient Q the central difference errs
    // by O(h) rather than O(h^2); roundoff at this step is still near 1e-9.
    const double h = 1e-7 * std::max(Q.norm(), 1e-3);
    const Matrix numeric = finite_difference_gradient(act, Q, W, h);
    const double rel = (analytic - numeric).norm() / numeric.norm();
    EXPECT_LT(rel, 1e-6) << GetParam() << ", " << c.name;
  }
}

INSTANTIATE_TEST_SUITE_P(AllActivations, SpectralBackward,
                         ::testing::ValuesIn(Activation::names()),
                         [](const auto& info) {
                           std::string n = info.param;
                           std::replace(n.begin(), n.end(), '-', '_');
                           return n;
                         });
