// Data-parallel training against one process, run under `mpirun -np 2` (ctest does): every process
// trains the whole problem alone and its part of it together with the others, and the two must
// agree to 1e-10 relative in loss and parameters after 100 steps (the order of the sums' terms is
// the only difference). Also: sharded = split at load time, and every process ends a run with the
// same bits (replicated parameters stay replicated).
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <iostream>
#include <span>

#include "snnsense/mpi/mpi_communicator.hpp"
#include "snnsense/operators/distributed_operator.hpp"
#include "snnsense/problems/generate.hpp"
#include "snnsense/problems/problem_part.hpp"
#include "snnsense/training/training_job.hpp"

using namespace snnsense;
namespace fs = std::filesystem;

namespace {

std::shared_ptr<MpiCommunicator> world;

Problem problem(const std::string& design, const std::string& kind, Index n, Index n2, Index m, Index test) {
  GenerateOptions g;
  g.problem = kind;
  g.design = design;
  g.n = n;
  g.n2 = n2;
  g.rank = 3;
  g.measurements = m;
  g.test = test;
  g.seed = 11;
  return generate_problem(g);
}

TrainingJob snn_job(Representation representation, double lr) {
  TrainingJob job;
  job.model = "snn";
  job.settings.snn.layers = {3, 2};
  job.settings.snn.rank = 2;
  job.settings.snn.init = SnnInit::random;
  job.settings.snn.init_scale = 0.3;
  job.settings.snn.representation = representation;
  job.train.iterations = 100;
  job.train.lr = lr;
  job.trace_every = 10;
  job.init_seed = 5;
  return job;
}

double relative(double a, double b) { return std::abs(a - b) / std::max(std::abs(b), 1e-300); }

// The largest difference between the processes' copies of v, relative to its norm.
double spread_over_processes(const Vector& v) {
  Vector mine = v, first = world->rank() == 0 ? v : Vector(Vector::Zero(v.size()));
  world->sum(std::span<double>(first.data(), static_cast<std::size_t>(first.size())));
  double gap = (mine - first).norm() / first.norm();
  world->sum(std::span<double>(&gap, 1));
  return gap;
}

void expect_agreement(const Problem& whole, const TrainingJob& job, const std::string& what) {
  const TrainingOutcome alone = run_training_job(whole, job);
  const Problem part = problem_part(whole, world);
  ASSERT_LT(part.train_operator->measurements(), whole.train_count()) << what;
  const TrainingOutcome together = run_training_job(part, job);
  ASSERT_EQ(together.result.reason, alone.result.reason) << what;
  ASSERT_EQ(together.result.iterations, alone.result.iterations) << what;
  EXPECT_LT(alone.result.final_loss, alone.result.initial_loss) << what;  // it trained
  EXPECT_LE(relative(together.result.final_loss, alone.result.final_loss), 1e-10) << what;
  EXPECT_LE(relative(together.result.initial_loss, alone.result.initial_loss), 1e-12) << what;
  EXPECT_LE((together.result.params - alone.result.params).norm(), 1e-10 * alone.result.params.norm()) << what;
  // The held-out metrics are sums over the parts too.
  ASSERT_TRUE(together.final && alone.final) << what;
  ASSERT_TRUE(together.final->test_loss && alone.final->test_loss) << what;
  EXPECT_LE(relative(*together.final->test_loss, *alone.final->test_loss), 1e-10) << what;
  // Every process holds the same parameters, bit for bit.
  EXPECT_EQ(spread_over_processes(together.result.params), 0.0) << what;
  if (world->rank() == 0)
    std::cout << what << ": final loss " << alone.result.final_loss << " alone, relative gap "
              << relative(together.result.final_loss, alone.result.final_loss) << ", parameters' relative gap "
              << (together.result.params - alone.result.params).norm() / alone.result.params.norm() << "\n";
}

}  // namespace

TEST(MpiTraining, FactoredSnnOnCompletionAgreesWithOneProcess) {
  const Problem whole = problem("completion", "rectangular", 60, 50, 1500, 300);
  const TrainingJob job = snn_job(Representation::factored, 5.0);
  expect_agreement(whole, job, "factored SNN, completion");
}

TEST(MpiTraining, DenseSnnOnGaussianAgreesWithOneProcess) {
  const Problem whole = problem("gaussian", "synthetic", 8, 0, 48, 16);
  const TrainingJob job = snn_job(Representation::dense, 0.02);
  expect_agreement(whole, job, "dense SNN, Gaussian");
}

TEST(MpiTraining, MinibatchesAreDrawnOverAllProcesses) {
  const Problem whole = problem("completion", "rectangular", 60, 50, 1500, 300);
  TrainingJob job = snn_job(Representation::factored, 2.0);
  job.train.batch_size = 256;
  job.train.seed = 3;
  expect_agreement(whole, job, "factored SNN, completion, minibatches of 256");
}

TEST(MpiTraining, EarlyStoppingAndStepSizeSearchAgreeWithOneProcess) {
  const Problem whole = problem("completion", "rectangular", 60, 50, 1500, 300);
  TrainingJob job = snn_job(Representation::factored, 5.0);
  job.train.early_stopping_patience = 2;
  job.train.early_stopping_every = 5;
  job.search_step_size = true;
  job.train.iterations = 40;
  expect_agreement(whole, job, "factored SNN, completion, lr search and early stopping");
}

TEST(MpiTraining, ShardedProblemGivesTheSplitProblemsRun) {
  const Problem whole = problem("completion", "rectangular", 60, 50, 1500, 300);
  // Rank 0 writes the parts; the sum is the barrier after which every process reads its own.
  const fs::path dir = fs::temp_directory_path() / "snnsense-mpi-test-sharded";
  if (world->rank() == 0) {
    fs::remove_all(dir);
    fs::create_directories(dir);
    save_problem_parts(whole, world->size(), dir);
  }
  double barrier = 0.0;
  world->sum(std::span<double>(&barrier, 1));
  const Problem sharded = load_problem_part(dir, world);
  const Problem split = problem_part(whole, world);
  EXPECT_EQ(sharded.train_count(), whole.train_count());
  EXPECT_EQ(sharded.train_y, split.train_y);
  const TrainingJob job = snn_job(Representation::factored, 5.0);
  const TrainingOutcome a = run_training_job(sharded, job), b = run_training_job(split, job);
  EXPECT_EQ(a.result.final_loss, b.result.final_loss);
  EXPECT_EQ(a.result.params, b.result.params);
  world->sum(std::span<double>(&barrier, 1));
  if (world->rank() == 0) fs::remove_all(dir);
}

int main(int argc, char** argv) {
  world = std::make_shared<MpiCommunicator>(argc, argv);
  ::testing::InitGoogleTest(&argc, argv);
  // One report: the other processes run the same tests silently.
  if (world->rank() != 0) {
    auto& listeners = ::testing::UnitTest::GetInstance()->listeners();
    delete listeners.Release(listeners.default_result_printer());
  }
  const int failed = RUN_ALL_TESTS();
  int any = failed;
  double total = failed;
  world->sum(std::span<double>(&total, 1));
  any = total > 0 ? 1 : 0;
  world.reset();
  return any;
}
