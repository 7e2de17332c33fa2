// FactoredSnn computes the dense Snn's function and gradient from the same parameters, on cores
// (docs/science.md §6), and its loss gradient reaches it only as S Q and S^T P.
#include <gtest/gtest.h>

#include <algorithm>
#include <iostream>
#include <stdexcept>

#include "gradient_check.hpp"
#include "snnsense/core/error.hpp"
#include "snnsense/models/factored_snn.hpp"

using namespace snnsense;

namespace {

// G = dLoss/dX offered only as the products a factored model may ask for: asking for the dense
// matrix fails the test.
class ProductsOnly final : public LossGradient {
 public:
  explicit ProductsOnly(const Matrix& G) : G_(G) {}
  const Matrix& dense() const override {
    ADD_FAILURE() << "the factored model asked for the dense loss gradient";
    throw std::logic_error("dense loss gradient requested");
  }
  Matrix times(const Matrix& Q) const override { return G_ * Q; }
  Matrix transpose_times(const Matrix& P) const override { return G_.transpose() * P; }

 private:
  const Matrix& G_;
};

enum class Start { random, identity, rank_deficient };

const char* start_name(Start s) {
  return s == Start::random ? "random" : s == Start::identity ? "identity" : "rank-deficient";
}

// Parameters of the dense SNN's layout. rank_deficient: U_2 = U_1 and V_1's first column zero,
// so span[U_k] and span[V_k] differ in dimension and the cores have zero singular values.
Vector start_params(const Snn& snn, Start start, Rng& rng) {
  Vector p = snn.initial_parameters(rng);
  if (start == Start::rank_deficient) {
    const Index n1 = snn.rows(), n2 = snn.cols(), r = snn.rank();
    p.segment(snn.u_offset(1), n1 * r) = p.segment(snn.u_offset(0), n1 * r);
    p.segment(snn.v_offset(0), n2).setZero();
  }
  return p;
}

// A loss gradient of each operator family's shape: completion's is zero off the observed
// entries, rank-one sensing's is sum_i w_i a_i b_i^T.
Matrix completion_gradient(Index n1, Index n2, Rng& rng) {
  Matrix G = rng.normal_matrix(n1, n2);
  const Matrix keep = rng.uniform_matrix(n1, n2);
  for (Index j = 0; j < n2; ++j)
    for (Index i = 0; i < n1; ++i)
      if (keep(i, j) > 0.4) G(i, j) = 0.0;
  return G;
}

Matrix rank_one_gradient(Index n1, Index n2, Index m, Rng& rng) {
  const Matrix a = rng.normal_matrix(n1, m), b = rng.normal_matrix(n2, m);
  const Vector w = rng.normal_matrix(m, 1);
  return a * w.asDiagonal() * b.transpose() / static_cast<double>(m);
}

double relative_gap(const Matrix& a, const Matrix& b) { return (a - b).norm() / std::max(b.norm(), 1e-300); }

struct Shape {
  Index n1, n2, rank;
  std::vector<int> layers;
};

const std::vector<Shape> kShapes = {
    {12, 12, 2, {2, 2}}, {12, 12, 2, {3, 2, 2}}, {9, 14, 2, {2, 2}}, {9, 14, 2, {3, 2, 2}},
    {14, 9, 2, {3, 2, 2}},
    // d1 r >= min(n1, n2): P (and Q) square or the core rectangular at full size.
    {12, 12, 5, {3, 2}}, {9, 14, 5, {3, 2}}, {14, 9, 5, {3, 2}},
};

SnnOptions options_for(const Shape& s, const std::string& activation, Start start) {
  SnnOptions o;
  o.layers = s.layers;
  o.rank = s.rank;
  o.activation = Activation::from_name(activation, 1.5);
  o.init = start == Start::identity ? SnnInit::identity : SnnInit::random;
  o.identity_eps = 0.3;
  o.init_scale = start == Start::identity ? 1.0 : 0.5;
  return o;
}

}  // namespace

class FactoredSnnEquivalence : public ::testing::TestWithParam<std::string> {};

TEST_P(FactoredSnnEquivalence, SameEstimateAndGradientAsTheDenseSnn) {
  double worst_x = 0.0, worst_g = 0.0;
  for (const Shape& shape : kShapes) {
    for (Start start : {Start::random, Start::identity, Start::rank_deficient}) {
      for (bool woa : {false, true}) {
        SnnOptions o = options_for(shape, GetParam(), start);
        o.use_activation = !woa;
        const Snn dense(shape.n1, shape.n2, o);
        const FactoredSnn factored(shape.n1, shape.n2, o);
        Rng rng(23);
        const Vector p = start_params(dense, start, rng);
        const std::string where = GetParam() + (woa ? " woa " : " ") + std::to_string(shape.n1) + "x" +
                                  std::to_string(shape.n2) + " r=" + std::to_string(shape.rank) +
                                  " depth=" + std::to_string(shape.layers.size()) + " " + start_name(start);

        auto dense_tape = dense.make_tape();
        auto tape = factored.make_tape();
        const Matrix X = dense.forward(p, *dense_tape);
        const auto e = factored.estimate(p, *tape);
        ASSERT_NE(e->factored_form(), nullptr);
        const double gap_x = relative_gap(e->dense(), X);
        EXPECT_LE(gap_x, 1e-10) << where;
        worst_x = std::max(worst_x, gap_x);

        for (const Matrix& G : {completion_gradient(shape.n1, shape.n2, rng),
                                rank_one_gradient(shape.n1, shape.n2, 15, rng)}) {
          const Vector expected = dense.backward(p, *dense_tape, G);
          const Vector got = factored.pullback(p, *tape, ProductsOnly(G));
          const double gap_g = relative_gap(got, expected);
          EXPECT_LE(gap_g, 1e-10) << where;
          worst_g = std::max(worst_g, gap_g);
        }
      }
    }
  }
  std::cout << GetParam() << ": largest relative gap of X " << worst_x << ", of the gradient " << worst_g << "\n";
}

INSTANTIATE_TEST_SUITE_P(AllActivations, FactoredSnnEquivalence, ::testing::ValuesIn(Activation::names()),
                         [](const auto& info) {
                           std::string n = info.param;
                           std::replace(n.begin(), n.end(), '-', '_');
                           return n;
                         });

TEST(FactoredSnn, BasesContainTheSpansOfTheInputFactors) {
  for (const Shape& s : {Shape{12, 12, 2, {2, 2}}, Shape{6, 7, 2, {2, 2}}, Shape{9, 14, 5, {3, 2}}}) {
    for (Start start : {Start::random, Start::identity, Start::rank_deficient}) {
      const SnnOptions o = options_for(s, "tanh", start);
      const Snn dense(s.n1, s.n2, o);
      const FactoredSnn factored(s.n1, s.n2, o);
      Rng rng(5);
      Vector p = start_params(dense, start, rng);
      // A block 1e-12 times smaller than the others must still lie in the span to its own size.
      if (start == Start::random) p.segment(dense.v_offset(1), s.n2 * s.rank) *= 1e-12;
      auto tape = factored.make_tape();
      const auto e = factored.estimate(p, *tape);
      // min(n, d1 r) columns whatever the rank of the factors: the same shapes at every step.
      const Index d1r = s.layers[0] * s.rank, R1 = std::min(s.n1, d1r), R2 = std::min(s.n2, d1r);
      const Matrix& P = factored.row_basis(*tape);
      const Matrix& Q = factored.column_basis(*tape);
      ASSERT_EQ(P.cols(), R1);
      ASSERT_EQ(Q.cols(), R2);
      EXPECT_LE((P.transpose() * P - Matrix::Identity(R1, R1)).norm(), 1e-13);
      EXPECT_LE((Q.transpose() * Q - Matrix::Identity(R2, R2)).norm(), 1e-13);
      // The estimate's core is square, min(R1, R2), and its bases orthonormal.
      const FactoredForm& f = *e->factored_form();
      const Index k = std::min(R1, R2);
      EXPECT_EQ(f.core.rows(), k);
      EXPECT_EQ(f.core.cols(), k);
      EXPECT_LE((f.P.transpose() * f.P - Matrix::Identity(k, k)).norm(), 1e-13);
      EXPECT_LE((f.Q.transpose() * f.Q - Matrix::Identity(k, k)).norm(), 1e-13);
      // What a run directory stores (X_left = P C, X_right = Q) reads back as the same matrix.
      EXPECT_LE(relative_gap(FactoredEstimate::from_factors(f.left, f.Q).dense(), e->dense()), 1e-13);
      for (Index j = 0; j < s.layers[0]; ++j) {
        const Matrix U = p.segment(dense.u_offset(j), s.n1 * s.rank).reshaped(s.n1, s.rank);
        const Matrix V = p.segment(dense.v_offset(j), s.n2 * s.rank).reshaped(s.n2, s.rank);
        EXPECT_LE((U - P * (P.transpose() * U)).norm(), 1e-14 * U.norm()) << start_name(start) << " U_" << j;
        EXPECT_LE((V - Q * (Q.transpose() * V)).norm(), 1e-14 * V.norm()) << start_name(start) << " V_" << j;
      }
    }
  }
}

TEST(FactoredSnn, PaperIdentityInitIsExactAtEqualSingularValues) {
  // eps = 1e-4: every input core is 1e-8 I, all singular values equal.
  SnnOptions o;
  o.layers = {2, 2};
  o.rank = 3;
  const Snn dense(10, 8, o);
  const FactoredSnn factored(10, 8, o);
  Rng rng(3);
  const Vector p = dense.initial_parameters(rng);
  const Matrix G = rng.normal_matrix(10, 8);
  const Vector got = factored.vjp(p, G);
  ASSERT_TRUE(got.allFinite());
  EXPECT_LE(relative_gap(factored.value(p), dense.value(p)), 1e-10);
  EXPECT_LE(relative_gap(got, dense.vjp(p, G)), 1e-10);
}

class FactoredSnnGradient : public ::testing::TestWithParam<std::string> {};

TEST_P(FactoredSnnGradient, MatchesFiniteDifferences) {
  for (const Shape& shape : {Shape{7, 7, 2, {2, 2}}, Shape{6, 9, 2, {3, 2, 2}}}) {
    for (Start start : {Start::random, Start::identity, Start::rank_deficient}) {
      const SnnOptions o = options_for(shape, GetParam(), start);
      const Snn dense(shape.n1, shape.n2, o);
      const FactoredSnn factored(shape.n1, shape.n2, o);
      Rng rng(31);
      const Vector p = start_params(dense, start, rng);
      const Matrix W = rng.normal_matrix(shape.n1, shape.n2);
      EXPECT_LT(check::vjp_relative_error(factored, p, W), 1e-6)
          << GetParam() << " " << shape.n1 << "x" << shape.n2 << " " << start_name(start);
    }
  }
}

INSTANTIATE_TEST_SUITE_P(AllActivations, FactoredSnnGradient, ::testing::ValuesIn(Activation::names()),
                         [](const auto& info) {
                           std::string n = info.param;
                           std::replace(n.begin(), n.end(), '-', '_');
                           return n;
                         });

TEST(FactoredSnn, WarmSvdServesTheCoresAlongAGradientPath) {
  // Gradient descent on 1/2 ||X - T||^2: with the bases aligned from step to step, every core's SVD
  // after the first starts warm; and the path is the one of dgesdd at every step.
  SnnOptions o;
  o.layers = {3, 2};
  o.rank = 3;
  o.init = SnnInit::random;
  o.init_scale = 0.3;
  Rng rng(8);
  const Matrix T = rng.normal_matrix(30, 2) * rng.normal_matrix(2, 40) / 10.0;
  auto descend = [&](const FactoredSnn& model, Model::Tape& tape) {
    Rng init(4);
    Vector p = model.initial_parameters(init);
    for (int step = 0; step < 30; ++step) {
      const Matrix X = model.estimate(p, tape)->dense();
      p -= 0.05 * model.pullback(p, tape, DenseLossGradient(X - T));
    }
    return p;
  };
  const FactoredSnn warm(30, 40, o);
  auto warm_tape = warm.make_tape();
  const Vector p_warm = descend(warm, *warm_tape);
  const WarmSvdCounters counters = warm.svd_counters(*warm_tape);
  const long cores = 3 + 2;
  std::cout << "warm calls " << counters.warm_calls << ", cold calls " << counters.cold_calls << "\n";
  EXPECT_EQ(counters.warm_calls + counters.cold_calls, 30 * cores);
  EXPECT_LE(counters.cold_calls, cores + 2);
  o.warm_start_svd = false;
  const FactoredSnn cold(30, 40, o);
  auto cold_tape = cold.make_tape();
  const Vector p_cold = descend(cold, *cold_tape);
  EXPECT_LE(relative_gap(p_warm, p_cold), 1e-11);
}

TEST(FactoredSnn, ThreadsDoNotChangeTheResult) {
  // Cores of 24 x 24 are large enough for the pool (FactoredTape::kParallelMinSize).
  SnnOptions o;
  o.layers = {3, 4, 2};
  o.rank = 8;
  o.init = SnnInit::random;
  o.init_scale = 0.2;
  const FactoredSnn one(40, 50, o);
  o.threads = 2;
  const FactoredSnn two(40, 50, o);
  Rng rng(6);
  const Vector p = one.initial_parameters(rng);
  const Matrix G = rng.normal_matrix(40, 50);
  auto tape_one = one.make_tape(), tape_two = two.make_tape();
  EXPECT_EQ(one.forward(p, *tape_one), two.forward(p, *tape_two));
  EXPECT_EQ(one.backward(p, *tape_one, G), two.backward(p, *tape_two, G));
  EXPECT_EQ(two.row_basis(*tape_two).cols(), 24);
}

TEST(FactoredSnn, RejectsWhatTheDenseSnnRejects) {
  SnnOptions o;
  o.rank = 20;
  EXPECT_THROW(FactoredSnn(10, 12, o), InputError);
  o.rank = 2;
  o.init = SnnInit::spectral;
  EXPECT_THROW(FactoredSnn(10, 12, o), InputError);
}
