#include <gtest/gtest.h>

#include <functional>

#include "../core/input_error_message.hpp"
#include "gradient_check.hpp"
#include "snnsense/core/error.hpp"
#include "snnsense/models/model_factory.hpp"

using namespace snnsense;

namespace {

// The init itself, and a point where no factor is small or structured.
std::vector<Vector> check_points(const Model& model, Rng& rng) {
  const Vector init = model.initial_parameters(rng);
  return {init, init + 0.3 * rng.normal_matrix(init.size(), 1)};
}

void expect_exact_gradients(const Model& model, const std::string& label) {
  Rng rng(21);
  const std::vector<Vector> points = check_points(model, rng);
  for (std::size_t i = 0; i < points.size(); ++i) {
    const Matrix W = rng.normal_matrix(model.rows(), model.cols());
    EXPECT_LT(check::vjp_relative_error(model, points[i], W), 1e-6) << label << (i == 0 ? " at init" : " random point");
  }
}

void expect_error_mentions(const std::function<void()>& action, const std::string& text) {
  const std::string message = check::input_error_message(action);
  EXPECT_NE(message.find(text), std::string::npos) << "message: " << message;
}

}  // namespace

TEST(Lg, GradientMatchesFiniteDifferences) {
  for (double scale : {0.0, 0.5})
    for (auto [n1, n2] : {std::pair<Index, Index>{5, 5}, {4, 7}})
      expect_exact_gradients(Lg(n1, n2, {scale}), "lg " + std::to_string(n1) + "x" + std::to_string(n2));
}

TEST(Lg, ParametersAreXColumnMajor) {
  const Lg lg(3, 4);
  Rng rng(1);
  EXPECT_TRUE(lg.initial_parameters(rng).isZero(0.0));
  const Vector p = rng.normal_matrix(12, 1);
  const Matrix X = lg.value(p);
  for (Index i = 0; i < 3; ++i)
    for (Index j = 0; j < 4; ++j) EXPECT_EQ(X(i, j), p(i + 3 * j));
  EXPECT_FALSE(Lg(3, 4, {0.1}).initial_parameters(rng).isZero(0.0));
}

TEST(Lg, GradientDescentFromZeroReachesTheMinimumNormInterpolant) {
  // Underdetermined dense least squares, vec(X) in C order as the measurement operators use it.
  const Index n1 = 4, n2 = 5, m = 8;
  Rng rng(5);
  const Matrix A = rng.normal_matrix(m, n1 * n2);
  const Vector y = rng.normal_matrix(m, 1);
  const Lg lg(n1, n2);
  Vector p = lg.initial_parameters(rng);
  auto tape = lg.make_tape();
  const double sigma_max = Eigen::JacobiSVD<Matrix>(A).singularValues()(0);
  const double step = m / (sigma_max * sigma_max);  // 1 / Lipschitz constant of the loss
  for (int it = 0; it < 5000; ++it) {
    const Matrix X = lg.forward(p, *tape);
    const Vector r = A * X.reshaped<Eigen::RowMajor>() - y;
    const Vector g = A.transpose() * r / m;
    p -= step * lg.backward(p, *tape, g.reshaped<Eigen::RowMajor>(n1, n2));
  }
  const Vector expected = A.completeOrthogonalDecomposition().pseudoInverse() * y;
  const Vector found = lg.value(p).reshaped<Eigen::RowMajor>();
  EXPECT_LT((found - expected).norm(), 1e-6 * expected.norm());
}

TEST(BurerMonteiro, GradientMatchesFiniteDifferences) {
  struct Case {
    Index n1, n2, rank;
    bool psd;
    FactorInit init;
  };
  const std::vector<Case> cases = {
      {5, 5, 0, false, FactorInit::gaussian}, {6, 4, 0, false, FactorInit::identity},
      {4, 6, 2, false, FactorInit::gaussian}, {5, 5, 0, true, FactorInit::gaussian},
      {5, 5, 3, true, FactorInit::identity},  {1, 3, 1, false, FactorInit::gaussian},
  };
  for (const Case& c : cases) {
    const BurerMonteiro bm(c.n1, c.n2, {c.rank, c.psd, c.init});
    expect_exact_gradients(bm, bm.name() + " " + std::to_string(c.n1) + "x" + std::to_string(c.n2) +
                                   " rank=" + std::to_string(bm.rank()) + " init=" + to_string(c.init));
  }
}

TEST(BurerMonteiro, ValueIsUVTransposeOfTheDocumentedLayout) {
  Rng rng(2);
  const BurerMonteiro bm(4, 6, {.rank = 3});
  ASSERT_EQ(bm.parameter_count(), (4 + 6) * 3);
  const Vector p = rng.normal_matrix(bm.parameter_count(), 1);
  const Matrix U = p.head(12).reshaped(4, 3), V = p.tail(18).reshaped(6, 3);
  EXPECT_LT((bm.value(p) - U * V.transpose()).norm(), 1e-12);

  const BurerMonteiro psd(5, 5, {.rank = 2, .psd = true});
  ASSERT_EQ(psd.parameter_count(), 5 * 2);
  const Vector q = rng.normal_matrix(10, 1);
  const Matrix W = q.reshaped(5, 2);
  EXPECT_LT((psd.value(q) - W * W.transpose()).norm(), 1e-12);
}

TEST(BurerMonteiro, Initialisations) {
  Rng rng(3);
  const BurerMonteiro identity(4, 6, {.init = FactorInit::identity, .init_scale = 0.5});
  const Vector p = identity.initial_parameters(rng);
  EXPECT_EQ(Matrix(p.head(16).reshaped(4, 4)), 0.5 * Matrix::Identity(4, 4));
  EXPECT_EQ(Matrix(p.tail(24).reshaped(6, 4)), 0.5 * Matrix::Identity(6, 4));

  const BurerMonteiro gaussian(30, 30, {.init_scale = 1e-3});
  const Vector g = gaussian.initial_parameters(rng);
  const double rms = g.norm() / std::sqrt(double(g.size()));
  EXPECT_GT(rms, 0.8e-3);
  EXPECT_LT(rms, 1.2e-3);
}

TEST(DeepFactorization, GradientMatchesFiniteDifferences) {
  struct Case {
    Index n1, n2;
    int depth;
    Index width;
    FactorInit init;
  };
  const std::vector<Case> cases = {
      {5, 5, 2, 0, FactorInit::identity}, {5, 5, 3, 0, FactorInit::identity}, {6, 4, 4, 0, FactorInit::gaussian},
      {4, 6, 3, 2, FactorInit::gaussian}, {4, 6, 5, 7, FactorInit::identity}, {3, 5, 2, 0, FactorInit::gaussian},
  };
  for (const Case& c : cases) {
    const DeepFactorization df(c.n1, c.n2, {c.depth, c.width, c.init});
    expect_exact_gradients(df, "df " + std::to_string(c.n1) + "x" + std::to_string(c.n2) + " depth=" +
                                   std::to_string(c.depth) + " width=" + std::to_string(df.width()) +
                                   " init=" + to_string(c.init));
  }
}

TEST(DeepFactorization, ValueIsTheProductOfTheDocumentedLayout) {
  // W_1 (3 x 5), W_2 (3 x 3), W_3 (3 x 3), W_4 (4 x 3), column-major, in that order.
  Rng rng(6);
  const DeepFactorization df(4, 5, {.depth = 4, .width = 3});
  ASSERT_EQ(df.parameter_count(), 15 + 9 + 9 + 12);
  const Vector p = rng.normal_matrix(df.parameter_count(), 1);
  const Matrix W1 = p.segment(0, 15).reshaped(3, 5), W2 = p.segment(15, 9).reshaped(3, 3),
               W3 = p.segment(24, 9).reshaped(3, 3), W4 = p.segment(33, 12).reshaped(4, 3);
  EXPECT_LT((df.value(p) - W4 * W3 * W2 * W1).norm(), 1e-12);
}

TEST(DeepFactorization, IdentityInitIsAScaledRectangularIdentity) {
  Rng rng(7);
  const DeepFactorization df(4, 6, {.depth = 3, .init_scale = 0.5});
  EXPECT_EQ(df.width(), 4);
  EXPECT_LT((df.value(df.initial_parameters(rng)) - 0.125 * Matrix::Identity(4, 6)).norm(), 1e-15);
}

TEST(Baselines, RejectBadOptions) {
  expect_error_mentions([] { Lg(3, 3, {-1.0}); }, "--init-scale");
  expect_error_mentions([] { BurerMonteiro(3, 4, {.rank = 4}); }, "--rank");
  expect_error_mentions([] { BurerMonteiro(3, 4, {.rank = -1}); }, "--rank");
  expect_error_mentions([] { BurerMonteiro(3, 4, {.init_scale = 0.0}); }, "--init-scale");
  expect_error_mentions([] { BurerMonteiro(3, 4, {.psd = true}); }, "bm-psd");
  expect_error_mentions([] { DeepFactorization(3, 3, {.depth = 1}); }, "--depth: must be at least 2");
  expect_error_mentions([] { DeepFactorization(3, 3, {.width = -2}); }, "--width");
  expect_error_mentions([] { DeepFactorization(3, 3, {.init_scale = -1e-3}); }, "--init-scale");
  EXPECT_THROW(Lg(0, 3), InputError);
}

TEST(ModelFactory, BuildsEveryNamedModel) {
  EXPECT_EQ(model_names(), (std::vector<std::string>{"snn", "woa", "lg", "bm", "bm-psd", "df"}));
  ModelSettings settings;
  settings.bm.psd = true;  // the name, not this field, decides
  for (const std::string& name : model_names()) {
    const ModelPtr model = make_model(name, 4, 4, settings);
    EXPECT_EQ(model->name(), name);
    EXPECT_EQ(model->rows(), 4);
    EXPECT_EQ(model->cols(), 4);
  }
  settings.df.depth = 5;
  const auto df = std::dynamic_pointer_cast<const DeepFactorization>(make_model("df", 3, 5, settings));
  ASSERT_TRUE(df);
  EXPECT_EQ(df->depth(), 5);
}

TEST(ModelFactory, ReportsUnknownNamesAndBadOptions) {
  EXPECT_EQ(check::input_error_message([] { make_model("x", 3, 3, {}); }),
            "unknown model 'x' (expected snn, woa, lg, bm, bm-psd or df)");
  expect_error_mentions([] { make_model("bm-psd", 3, 4, {}); }, "bm-psd");
  EXPECT_EQ(factor_init_from_string("gaussian"), FactorInit::gaussian);
  EXPECT_EQ(factor_init_from_string("identity"), FactorInit::identity);
  EXPECT_EQ(check::input_error_message([] { factor_init_from_string("zeros"); }),
            "unknown init 'zeros' (expected gaussian or identity)");
}
