// The factored SNN against the dense one through the real operators and the real trainer: the
// loss gradient reaches the factored model as the operator's products A*(w) Q and A*(w)^T P
// (O(m R) for completion), and training from the same start follows the same path.
#include <gtest/gtest.h>

#include <algorithm>
#include <iostream>

#include "snnsense/diagnostics/estimate_measurements.hpp"
#include "snnsense/models/factored_snn.hpp"
#include "snnsense/problems/generate.hpp"
#include "snnsense/training/operator_loss_gradient.hpp"
#include "snnsense/training/trace_recorder.hpp"
#include "snnsense/training/trainer.hpp"
#include "factored_cases.hpp"

using namespace snnsense;

namespace {

SnnOptions snn_options(std::vector<int> layers) {
  SnnOptions o;
  o.layers = std::move(layers);
  o.rank = 2;
  o.init = SnnInit::random;
  o.init_scale = 0.3;
  return o;
}

}  // namespace

TEST(FactoredSnnTraining, OperatorProductsGiveTheDenseGradient) {
  double worst = 0.0;
  for (const std::string design : {"completion", "rank-one"}) {
    for (const auto& [n1, n2] : {std::pair<Index, Index>{12, 12}, {9, 14}}) {
      for (const std::vector<int>& layers : {std::vector<int>{2, 2}, std::vector<int>{3, 2, 2}}) {
        const Problem p = check::factored_test_problem(design, n1, n2);
        const SnnOptions o = snn_options(layers);
        const Snn dense(n1, n2, o);
        const FactoredSnn factored(n1, n2, o);
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
        const Vector w = (measure(op, *estimate) - p.train_y) / m;
        EXPECT_LE((w - dense_w).norm(), 1e-10 * dense_w.norm()) << design;
        const Vector got = factored.pullback(params, *tape, OperatorLossGradient(op, w));
        const double gap = check::relative_gap(got, expected);
        EXPECT_LE(gap, 1e-10) << design << " " << n1 << "x" << n2 << " depth " << layers.size();
        worst = std::max(worst, gap);
      }
    }
  }
  std::cout << "largest relative gap of the loss gradient through the operators: " << worst << "\n";
}

TEST(FactoredSnnTraining, TrainsLikeTheDenseSnnFromTheSameStart) {
  double worst = 0.0;
  for (const std::string design : {"completion", "rank-one"}) {
    const Problem p = check::factored_test_problem(design, 12, 15);
    const SnnOptions o = snn_options({2, 2});
    const Snn dense(p.n1, p.n2, o);
    const FactoredSnn factored(p.n1, p.n2, o);
    Rng rng(4);
    const Vector start = dense.initial_parameters(rng);
    TrainOptions t;
    t.iterations = 50;
    t.lr = design == "completion" ? 100.0 : 0.3;  // the loss falls by 10x or more in 50 steps
    t.momentum = Momentum::heavy_ball;
    TraceRecorder dense_trace(p, 1), factored_trace(p, 1);
    const TrainResult a = train(dense, p, t, start, {&dense_trace});
    const TrainResult b = train(factored, p, t, start, {&factored_trace});
    EXPECT_EQ(a.reason, StopReason::max_iterations) << design;
    EXPECT_EQ(b.reason, a.reason) << design;
    EXPECT_LT(a.final_loss, 0.1 * a.initial_loss) << design << ": the run should learn something";
    ASSERT_TRUE(b.estimate && b.estimate->factored_form()) << design;
    const Trace da = dense_trace.take(), fa = factored_trace.take();
    ASSERT_EQ(da.rows.size(), fa.rows.size());
    for (std::size_t k = 0; k < da.rows.size(); ++k) {
      const double x = da.rows[k].metrics.train_loss, y = fa.rows[k].metrics.train_loss;
      EXPECT_NEAR(y, x, 1e-9 * x) << design << " step " << da.rows[k].iteration;
      worst = std::max(worst, std::abs(y - x) / x);
    }
    EXPECT_LE((b.params - a.params).norm(), 1e-9 * a.params.norm()) << design;
  }
  std::cout << "largest relative gap of the training losses over 50 steps: " << worst << "\n";
}

// A completion problem large enough that the passes over the entries cut several chunks and the
// cores (R = 16) go to the threads: training gives the same bits for any thread count.
TEST(FactoredSnnTraining, ThreadsGiveBitIdenticalRuns) {
  GenerateOptions g;
  g.problem = "rectangular";
  g.design = "completion";
  g.n = 3000;
  g.n2 = 2500;
  g.rank = 4;
  g.measurements = 60000;
  g.test = 100;
  const Problem p = generate_problem(g);
  auto run = [&p](int threads) {
    SnnOptions o = snn_options({4, 4});
    o.rank = 4;
    o.threads = threads;
    const FactoredSnn model(p.n1, p.n2, o);
    Rng rng(2);
    TrainOptions t;
    t.iterations = 4;
    t.lr = 1e4;
    return train(model, p, t, model.initial_parameters(rng));
  };
  const TrainResult one = run(1);
  ASSERT_TRUE(one.estimate && one.estimate->factored_form());
  EXPECT_LT(one.final_loss, one.initial_loss);
  for (int threads : {2, 3}) {
    const TrainResult many = run(threads);
    EXPECT_EQ(many.final_loss, one.final_loss) << threads;
    EXPECT_EQ(many.params, one.params) << threads;
  }
}
