// The SNN's speed options (warm-started SVDs, threads) must not change what training computes.
#include <gtest/gtest.h>

#include "small_problem.hpp"
#include "snnsense/models/snn.hpp"
#include "snnsense/training/trainer.hpp"

using namespace snnsense;

namespace {

TrainResult run(const Problem& p, bool warm, int threads) {
  SnnOptions opt;
  opt.layers = {2, 4, 8};
  opt.warm_start_svd = warm;
  opt.threads = threads;
  const Snn snn(p.n1, p.n2, opt);
  TrainOptions t;
  t.iterations = 400;
  t.lr = 0.02;
  Rng rng(5);
  return train(snn, p, t, snn.initial_parameters(rng));
}

}  // namespace

TEST(SnnSpeedOptions, WarmStartedSvdsTrainLikeDgesdd) {
  // Identity initialisation: every singular value equal at the start, then graded spectra whose
  // small singular vectors turn a lot per step; both paths of warm_thin_svd get exercised.
  const Problem p = check::small_problem(10, 3, 60, 10);
  const TrainResult cold = run(p, false, 1);
  const TrainResult warm = run(p, true, 1);
  ASSERT_EQ(cold.reason, StopReason::max_iterations);
  ASSERT_EQ(warm.reason, StopReason::max_iterations);
  EXPECT_LT(cold.final_loss, 0.05 * cold.initial_loss);  // a run that goes somewhere
  EXPECT_LE(std::abs(warm.final_loss - cold.final_loss), 1e-8 * cold.final_loss)
      << "relative difference " << std::abs(warm.final_loss - cold.final_loss) / cold.final_loss;
  EXPECT_LE((warm.params - cold.params).norm(), 1e-8 * cold.params.norm());
}

TEST(SnnSpeedOptions, ThreadsGiveBitIdenticalResults) {
  // 16 x 16: the smallest size at which the SNN hands work to its threads.
  const Problem p = check::small_problem(16, 3, 150, 10);
  const TrainResult one = run(p, true, 1);
  const TrainResult two = run(p, true, 2);
  const TrainResult three = run(p, true, 3);
  EXPECT_EQ(one.final_loss, two.final_loss);
  EXPECT_EQ(one.params, two.params);
  EXPECT_EQ(one.params, three.params);
}

TEST(SnnSpeedOptions, TrainingTapeWarmStartsItsDecompositions) {
  SnnOptions opt;
  opt.layers = {2, 2};
  opt.init = SnnInit::random;
  const Snn snn(8, 8, opt);
  Rng rng(3);
  Vector params = snn.initial_parameters(rng);
  const Matrix G = rng.normal_matrix(8, 8);
  auto tape = snn.make_tape();
  for (int step = 0; step < 10; ++step) {
    snn.forward(params, *tape);
    params -= 1e-4 * snn.backward(params, *tape, G);
  }
  const WarmSvdCounters counters = snn.svd_counters(*tape);
  EXPECT_EQ(counters.warm_calls + counters.cold_calls, 10 * 4);
  EXPECT_GE(counters.warm_calls, 9 * 4);
}
