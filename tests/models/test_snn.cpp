#include <gtest/gtest.h>

#include "gradient_check.hpp"
#include "snnsense/core/error.hpp"
#include "snnsense/models/snn.hpp"

using namespace snnsense;

namespace {

struct NetworkCase {
  Index n1, n2;
  std::vector<int> layers;
  SnnInit init;
  Index rank;
};

// Random points move every singular value off its neighbours; identity init puts them all on one.
Vector perturbed_params(const Snn& snn, Rng& rng, bool at_init) {
  Vector p = snn.initial_parameters(rng);
  if (!at_init) p += 0.3 * rng.normal_matrix(p.size(), 1);
  return p;
}

}  // namespace

class SnnGradient : public ::testing::TestWithParam<std::string> {};

TEST_P(SnnGradient, MatchesFiniteDifferences) {
  const std::vector<NetworkCase> cases = {
      {5, 5, {2}, SnnInit::random, 0},           {5, 5, {2, 2, 2}, SnnInit::random, 0},
      {6, 4, {3, 2}, SnnInit::random, 0},        {4, 6, {2, 3, 2}, SnnInit::random, 0},
      {5, 5, {2, 2}, SnnInit::identity, 0},      {6, 4, {2, 3}, SnnInit::identity, 0},
      {6, 6, {2, 2}, SnnInit::random, 2},        {5, 5, {4, 8, 16}, SnnInit::diag, 0},
  };
  for (const NetworkCase& c : cases) {
    for (bool at_init : {true, false}) {
      SnnOptions opt;
      opt.layers = c.layers;
      opt.init = c.init;
      opt.rank = c.rank;
      opt.identity_eps = 0.3;  // large enough that finite differences resolve the network's output
      opt.activation = Activation::from_name(GetParam(), 1.5);
      const Snn snn(c.n1, c.n2, opt);
      Rng rng(17);
      const Vector p = perturbed_params(snn, rng, at_init);
      const Matrix W = rng.normal_matrix(c.n1, c.n2);
      EXPECT_LT(check::vjp_relative_error(snn, p, W), 1e-6)
          << GetParam() << " n1=" << c.n1 << " n2=" << c.n2 << " depth=" << c.layers.size()
          << " init=" << to_string(c.init) << (at_init ? " at init" : " random point");
    }
  }
}

INSTANTIATE_TEST_SUITE_P(AllActivations, SnnGradient, ::testing::ValuesIn(Activation::names()), [](const auto& info) {
  std::string n = info.param;
  std::replace(n.begin(), n.end(), '-', '_');
  return n;
});

TEST(Snn, IdentityInitWithPaperEpsilonHasExactGradient) {
  // eps = 1e-4 makes every input matrix 1e-8 I: all singular values equal, the case where
  // autograd through an SVD returns NaN. Compare against finite differences in the factors.
  SnnOptions opt;
  opt.layers = {2, 2};
  const Snn snn(4, 4, opt);
  Rng rng(3);
  const Vector p = snn.initial_parameters(rng);
  const Matrix W = rng.normal_matrix(4, 4);
  const Vector g = snn.vjp(p, W);
  ASSERT_TRUE(g.allFinite());
  EXPECT_LT(check::vjp_relative_error(snn, p, W, 1e-3), 1e-6);
}

TEST(Snn, OneLayerMatchesTheFormula) {
  // X = sum_k alpha_k tanh(U_k V_k^T), computed independently.
  SnnOptions opt;
  opt.layers = {3};
  opt.init = SnnInit::random;
  const Snn snn(4, 5, opt);
  Rng rng(9);
  const Vector p = snn.initial_parameters(rng);
  Matrix expected = Matrix::Zero(4, 5);
  for (Index k = 0; k < 3; ++k) {
    const Matrix U = p.segment(k * 16, 16).reshaped(4, 4);
    const Matrix V = p.segment(3 * 16 + k * 20, 20).reshaped(5, 4);
    Eigen::JacobiSVD<Matrix> svd(U * V.transpose(), Eigen::ComputeThinU | Eigen::ComputeThinV);
    const Vector f = svd.singularValues().array().tanh();
    expected += p(3 * 16 + 3 * 20 + k) * svd.matrixU() * f.asDiagonal() * svd.matrixV().transpose();
  }
  EXPECT_LT((snn.value(p) - expected).norm(), 1e-12);
}

TEST(Snn, ParameterCountAndWoa) {
  SnnOptions opt;
  opt.layers = {4, 8, 16};
  opt.use_activation = false;
  const Snn woa(28, 28, opt);
  EXPECT_EQ(woa.parameter_count(), 4 * (28 + 28) * 28 + 4 * 8 + 8 * 16 + 16);
  EXPECT_EQ(woa.name(), "woa");
}

TEST(Snn, SpectralInitStaysInTheBasis) {
  Rng rng(4);
  const SpectralBasis basis{rng.orthogonal(6), rng.orthogonal(6)};
  SnnOptions opt;
  opt.layers = {2, 2};
  opt.init = SnnInit::spectral;
  const Snn snn(6, 6, opt, basis);
  const Matrix X = snn.value(snn.initial_parameters(rng));
  Matrix inner = basis.phi.transpose() * X * basis.psi;
  const double diag = inner.diagonal().norm();
  inner.diagonal().setZero();
  EXPECT_LT(inner.norm(), 1e-12 * diag);
}

TEST(Snn, RejectsBadOptions) {
  SnnOptions opt;
  opt.layers = {2, 0};
  EXPECT_THROW(Snn(4, 4, opt), InputError);
  opt.layers = {2};
  opt.rank = 5;
  EXPECT_THROW(Snn(4, 4, opt), InputError);
  opt.rank = 0;
  opt.init = SnnInit::spectral;
  EXPECT_THROW(Snn(4, 4, opt), InputError);  // no basis
  EXPECT_THROW(snn_init_from_string("zeros"), InputError);
}
