// Burer-Monteiro in factored form against its dense form through the real operators and trainer:
// X = U V^T kept as factors, the gradient G V, G^T U from the operator's products.
#include <gtest/gtest.h>

#include "snnsense/diagnostics/estimate_measurements.hpp"
#include "snnsense/models/burer_monteiro.hpp"
#include "snnsense/training/operator_loss_gradient.hpp"
#include "snnsense/training/trainer.hpp"
#include "factored_cases.hpp"

using namespace snnsense;

namespace {

BmOptions bm_options(bool psd, Representation representation) {
  BmOptions o;
  o.rank = 3;
  o.psd = psd;
  o.init_scale = 0.3;
  o.representation = representation;
  return o;
}

}  // namespace

TEST(FactoredBm, AutoIsFactoredBelowFullRank) {
  EXPECT_TRUE(BurerMonteiro(20, 15, bm_options(false, Representation::automatic)).factored());
  BmOptions full = bm_options(false, Representation::automatic);
  full.rank = 0;  // min(n1, n2): the paper's setting stays dense
  EXPECT_FALSE(BurerMonteiro(20, 15, full).factored());
  EXPECT_FALSE(BurerMonteiro(20, 15, bm_options(false, Representation::dense)).factored());
  full.representation = Representation::factored;
  EXPECT_TRUE(BurerMonteiro(20, 15, full).factored());
}

TEST(FactoredBm, OperatorProductsGiveTheDenseGradient) {
  for (const std::string design : {"completion", "gaussian", "rank-one"}) {
    for (const bool psd : {false, true}) {
      const Index n1 = 12, n2 = psd ? 12 : 9;
      const Problem p = check::factored_test_problem(design, n1, n2, 60);
      const BurerMonteiro dense(n1, n2, bm_options(psd, Representation::dense));
      const BurerMonteiro factored(n1, n2, bm_options(psd, Representation::factored));
      Rng rng(9);
      const Vector params = dense.initial_parameters(rng);
      const MeasurementOperator& op = *p.train_operator;
      const double m = static_cast<double>(op.measurements());

      auto dense_tape = dense.make_tape();
      const Matrix X = dense.forward(params, *dense_tape);
      const Vector dense_w = (op.apply(X) - p.train_y) / m;
      const Vector expected = dense.backward(params, *dense_tape, op.adjoint(dense_w));

      auto tape = factored.make_tape();
      const auto estimate = factored.estimate(params, *tape);
      ASSERT_TRUE(estimate->factored_form());
      EXPECT_LE((estimate->entries(std::vector<Index>{0, 3}, std::vector<Index>{1, 2}) -
                 Vector{{X(0, 1), X(3, 2)}})
                    .norm(),
                1e-12 * X.norm());
      const Vector w = (measure(op, *estimate) - p.train_y) / m;
      EXPECT_LE((w - dense_w).norm(), 1e-10 * dense_w.norm()) << design;
      const Vector got = factored.pullback(params, *tape, OperatorLossGradient(op, w));
      EXPECT_LE(check::relative_gap(got, expected), 1e-10) << design << (psd ? " psd" : "");
    }
  }
}

TEST(FactoredBm, TrainsLikeTheDenseModelFromTheSameStart) {
  for (const std::string design : {"completion", "gaussian"}) {
    const Problem p = check::factored_test_problem(design, 14, 10, 60);
    const BurerMonteiro dense(14, 10, bm_options(false, Representation::dense));
    const BurerMonteiro factored(14, 10, bm_options(false, Representation::factored));
    Rng rng(4);
    const Vector start = dense.initial_parameters(rng);
    TrainOptions o;
    o.iterations = 100;
    o.lr = design == "completion" ? 2.0 : 0.05;
    o.momentum = Momentum::heavy_ball;
    const TrainResult a = train(dense, p, o, start);
    const TrainResult b = train(factored, p, o, start);
    ASSERT_EQ(a.reason, StopReason::max_iterations) << design << ": " << a.brief_report();
    ASSERT_EQ(b.reason, StopReason::max_iterations) << design << ": " << b.brief_report();
    EXPECT_LT(a.final_loss, 0.5 * a.initial_loss) << design;
    EXPECT_LE(check::relative_gap(b.params, a.params), 1e-10) << design;
    EXPECT_NEAR(b.final_loss, a.final_loss, 1e-10 * a.final_loss) << design;
    ASSERT_TRUE(b.estimate->factored_form());
  }
}
