#include <gtest/gtest.h>

#include <atomic>

#include "small_problem.hpp"
#include "snnsense/core/error.hpp"
#include "snnsense/models/lg.hpp"
#include "snnsense/models/snn.hpp"
#include "snnsense/training/step_schedule.hpp"
#include "snnsense/training/stop_rules.hpp"
#include "snnsense/training/trace_recorder.hpp"
#include "snnsense/training/trainer.hpp"

using namespace snnsense;

namespace {

Snn small_snn(const Problem& p) {
  SnnOptions opt;
  opt.layers = {2, 2};
  return Snn(p.n1, p.n2, opt);
}

Vector init(const Model& m, std::uint64_t seed = 0) {
  Rng rng(seed);
  return m.initial_parameters(rng);
}

}  // namespace

TEST(Trainer, GradientDescentLowersTheLossAndReachesMaxIterations) {
  const Problem p = check::small_problem();
  const Snn snn = small_snn(p);
  TrainOptions opt;
  opt.iterations = 300;
  opt.lr = 0.05;
  const TrainResult r = train(snn, p, opt, init(snn));
  EXPECT_EQ(r.reason, StopReason::max_iterations);
  EXPECT_EQ(r.iterations, 300);
  EXPECT_LT(r.final_loss, 0.1 * r.initial_loss);
  EXPECT_NEAR(r.final_loss, 0.5 * (p.train_operator->apply(snn.value(r.params)) - p.train_y).squaredNorm() / 24, 1e-15);
  EXPECT_TRUE(r.estimate->dense().isApprox(snn.value(r.params)));
}

TEST(Trainer, TimePerIterationLeavesOutTheFinalEvaluation) {
  // Three evaluations with their updates, then a fourth for the final loss: the time per
  // iteration is that of the three (PyTorch's side of bench/compare_torch.sh times the same).
  const Problem p = check::small_problem();
  const Snn snn = small_snn(p);
  TrainOptions opt;
  opt.iterations = 3;
  opt.lr = 0.05;
  const TrainResult r = train(snn, p, opt, init(snn));
  ASSERT_EQ(r.iterations, 3);
  EXPECT_GT(r.seconds_per_iteration, 0.0);
  EXPECT_LT(3.0 * r.seconds_per_iteration, r.seconds);
}

TEST(Trainer, DivergenceIsReportedWithTheLastFiniteIterate) {
  const Problem p = check::small_problem();
  const Lg lg(p.n1, p.n2);
  TrainOptions opt;
  opt.iterations = 1000;
  opt.lr = 50.0;
  const TrainResult r = train(lg, p, opt, init(lg));
  EXPECT_EQ(r.reason, StopReason::diverged);
  EXPECT_LT(r.iterations, 1000);
  EXPECT_TRUE(r.estimate->all_finite());
  EXPECT_TRUE(r.params.allFinite());
  EXPECT_TRUE(std::isfinite(r.final_loss));
  EXPECT_FALSE(r.finished());
}

TEST(Trainer, NonFiniteSvdInputCountsAsDivergenceNotACrash) {
  const Problem p = check::small_problem();
  const Snn snn = small_snn(p);
  Vector start = init(snn);
  start(0) = std::numeric_limits<double>::infinity();
  TrainOptions opt;
  opt.iterations = 10;
  const TrainResult r = train(snn, p, opt, start);
  EXPECT_EQ(r.reason, StopReason::diverged);
  EXPECT_EQ(r.estimate, nullptr);  // not even the start was finite: nothing to report
}

TEST(Trainer, ToleranceStopsSayWhichRuleFired) {
  const Problem p = check::small_problem();
  const Lg lg(p.n1, p.n2);
  TrainOptions opt;
  opt.iterations = 100000;
  opt.lr = 0.01;
  opt.loss_tolerance = 1e-6;
  TrainResult r = train(lg, p, opt, init(lg));
  EXPECT_EQ(r.reason, StopReason::loss_tolerance);
  EXPECT_LE(r.final_loss, 1e-6);
  opt.loss_tolerance = 0;
  opt.gradient_tolerance = 1e-5;
  r = train(lg, p, opt, init(lg));
  EXPECT_EQ(r.reason, StopReason::gradient_tolerance);
  EXPECT_LE(r.gradient_norm, 1e-5);
}

TEST(Trainer, InterruptFinishesTheIterationAndStops) {
  const Problem p = check::small_problem();
  const Snn snn = small_snn(p);
  std::atomic<bool> flag{true};
  InterruptStop stop(flag);
  TrainOptions opt;
  opt.iterations = 100;
  const TrainResult r = train(snn, p, opt, init(snn), {&stop});
  EXPECT_EQ(r.reason, StopReason::interrupted);
  EXPECT_EQ(r.iterations, 0);
  EXPECT_TRUE(r.estimate->all_finite());
}

TEST(Trainer, MinibatchSgdIsSeededAndLearns) {
  const Problem p = check::small_problem(6, 2, 40);
  const Lg lg(p.n1, p.n2);
  TrainOptions opt;
  opt.iterations = 400;
  opt.lr = 0.02;
  opt.batch_size = 8;
  opt.seed = 5;
  const TrainResult a = train(lg, p, opt, init(lg));
  const TrainResult b = train(lg, p, opt, init(lg));
  EXPECT_EQ(a.params, b.params);
  EXPECT_LT(a.final_loss, 0.05 * a.initial_loss);
  opt.seed = 6;
  EXPECT_NE(train(lg, p, opt, init(lg)).params, a.params);
}

TEST(Trainer, MomentumConvergesFasterOnAnIllConditionedProblem) {
  const Problem p = check::small_problem();
  const Lg lg(p.n1, p.n2);
  TrainOptions opt;
  opt.iterations = 200;
  opt.lr = 0.002;
  const double plain = train(lg, p, opt, init(lg)).final_loss;
  for (Momentum m : {Momentum::heavy_ball, Momentum::nesterov}) {
    opt.momentum = m;
    EXPECT_LT(train(lg, p, opt, init(lg)).final_loss, 0.5 * plain) << to_string(m);
  }
}

TEST(Trainer, TraceSamplesEveryKAndTheFinalIterate) {
  const Problem p = check::small_problem();
  const Snn snn = small_snn(p);
  TrainOptions opt;
  opt.iterations = 95;
  opt.lr = 0.05;
  TraceRecorder recorder(p, 10);
  const TrainResult r = train(snn, p, opt, init(snn), {&recorder});
  const auto& rows = recorder.trace().rows;
  ASSERT_EQ(rows.size(), 11u);  // 0, 10, ..., 90 and 95
  EXPECT_EQ(rows[3].iteration, 30);
  EXPECT_EQ(rows.back().iteration, 95);
  EXPECT_DOUBLE_EQ(rows.back().metrics.train_loss, r.final_loss);
  EXPECT_TRUE(rows.back().metrics.relative_error.has_value());
  EXPECT_TRUE(rows.back().metrics.test_loss.has_value());
  EXPECT_FALSE(rows.back().metrics.psnr.has_value());
}

TEST(Trainer, RejectsMismatchedParametersAndBadOptions) {
  const Problem p = check::small_problem();
  const Snn snn = small_snn(p);
  TrainOptions opt;
  EXPECT_THROW(train(snn, p, opt, Vector::Zero(3)), InputError);
  opt.lr = -1;
  EXPECT_THROW(train(snn, p, opt, init(snn)), InputError);
  opt.lr = 0.1;
  opt.iterations = 0;
  EXPECT_THROW(train(snn, p, opt, init(snn)), InputError);
  EXPECT_THROW(schedule_from_string("linear"), InputError);
  EXPECT_THROW(momentum_from_string("adam"), InputError);
}

TEST(StepSchedule, ConstantCosineAndStep) {
  TrainOptions opt;
  opt.lr = 1.0;
  opt.iterations = 100;
  EXPECT_EQ(step_size_at(opt, 50), 1.0);
  opt.schedule = Schedule::cosine;
  EXPECT_NEAR(step_size_at(opt, 0), 1.0, 1e-15);
  EXPECT_NEAR(step_size_at(opt, 50), 0.5, 1e-15);
  opt.schedule = Schedule::step;
  opt.decay_every = 30;
  opt.decay_factor = 0.5;
  EXPECT_EQ(step_size_at(opt, 29), 1.0);
  EXPECT_EQ(step_size_at(opt, 30), 0.5);
  EXPECT_EQ(step_size_at(opt, 95), 0.125);
}
