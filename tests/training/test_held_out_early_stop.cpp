#include <gtest/gtest.h>

#include "snnsense/core/error.hpp"
#include "snnsense/core/rng.hpp"
#include "snnsense/diagnostics/reconstruction_metrics.hpp"
#include "snnsense/models/model_factory.hpp"
#include "snnsense/problems/generate.hpp"
#include "snnsense/training/trace_recorder.hpp"
#include "snnsense/training/trainer.hpp"
#include "small_problem.hpp"

using namespace snnsense;

namespace {

// Entries of a rank-2 matrix with noise at half their RMS: a full-rank Burer-Monteiro model from a
// small start first fits the signal, then the noise, so its held-out loss falls and rises again.
Problem noisy_completion(double noise) {
  GenerateOptions g;
  g.problem = "rectangular";
  g.design = "completion";
  g.n = 24;
  g.n2 = 18;
  g.rank = 2;
  g.fraction = 0.5;
  g.test = 80;
  g.noise = noise;
  g.seed = 4;
  return generate_problem(g);
}

constexpr double kLr = 2.0;

TrainOptions early_stopping(Index iterations, Index patience, Index every) {
  TrainOptions o;
  o.iterations = iterations;
  o.lr = kLr;
  o.early_stopping_patience = patience;
  o.early_stopping_every = every;
  return o;
}

}  // namespace

TEST(HeldOutEarlyStop, StopsAfterPatienceChecksAndReportsTheBestIterate) {
  const Problem p = noisy_completion(0.5);
  const ModelPtr model = make_model("bm", p.n1, p.n2, {});
  Rng rng(3);
  const Vector start = model->initial_parameters(rng);

  const TrainResult r = train(*model, p, early_stopping(20000, 3, 10), start);
  ASSERT_EQ(r.reason, StopReason::test_loss_stalled) << r.brief_report();
  ASSERT_TRUE(r.best_iteration.has_value());
  EXPECT_GT(*r.best_iteration, 0);
  // The best was followed by exactly `patience` checks that did not improve on it.
  EXPECT_EQ(r.iterations, *r.best_iteration + 3 * 10);

  // The reported iterate is the run's state at best_iteration: the same bits as a plain run of
  // that many steps.
  TrainOptions plain = early_stopping(*r.best_iteration, 0, 10);
  const TrainResult at_best = train(*model, p, plain, start);
  EXPECT_EQ((r.params - at_best.params).cwiseAbs().maxCoeff(), 0.0);
  EXPECT_EQ(r.final_loss, at_best.final_loss);

  // No checked iterate of the same run held out better, and the run had started to fit noise.
  plain.iterations = r.iterations;
  TraceRecorder recorder(p, 10);
  train(*model, p, plain, start, {&recorder});
  const double best = sensing_loss(*p.test_operator, p.test_y, *r.estimate);
  ASSERT_FALSE(recorder.trace().rows.empty());
  for (const TraceRow& row : recorder.trace().rows) EXPECT_GE(*row.metrics.test_loss, best) << row.iteration;
  EXPECT_GT(*recorder.trace().rows.back().metrics.test_loss, best);
}

TEST(HeldOutEarlyStop, ComparesTheFinalIterateWhenTheBudgetEndsBetweenChecks) {
  // Without noise the held-out loss keeps falling: the best is the last iterate, which is not on
  // the checks' grid (95 is not a multiple of 10).
  const Problem p = noisy_completion(0.0);
  const ModelPtr model = make_model("bm", p.n1, p.n2, {});
  Rng rng(3);
  const TrainResult r = train(*model, p, early_stopping(95, 50, 10), model->initial_parameters(rng));
  EXPECT_EQ(r.reason, StopReason::max_iterations);
  ASSERT_TRUE(r.best_iteration.has_value());
  EXPECT_EQ(*r.best_iteration, 95);
}

TEST(HeldOutEarlyStop, WithoutItTheResultHasNoBestIteration) {
  const Problem p = noisy_completion(0.5);
  const ModelPtr model = make_model("bm", p.n1, p.n2, {});
  Rng rng(3);
  const TrainResult r = train(*model, p, early_stopping(20, 0, 10), model->initial_parameters(rng));
  EXPECT_FALSE(r.best_iteration.has_value());
}

TEST(HeldOutEarlyStop, NeedsHeldOutMeasurements) {
  const Problem p = check::small_problem(6, 2, 24, 0);
  const ModelPtr model = make_model("bm", p.n1, p.n2, {});
  Rng rng(3);
  try {
    train(*model, p, early_stopping(20, 3, 10), model->initial_parameters(rng));
    FAIL() << "expected an InputError";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("--early-stopping"), std::string::npos) << e.what();
  }
}

TEST(HeldOutEarlyStop, OptionsNameTheFlagAtFault) {
  TrainOptions o;
  o.early_stopping_patience = -1;
  EXPECT_THROW(o.validate(), InputError);
  o.early_stopping_patience = 3;
  o.early_stopping_every = 0;
  try {
    o.validate();
    FAIL() << "expected an InputError";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("--early-stopping-every"), std::string::npos) << e.what();
  }
}
