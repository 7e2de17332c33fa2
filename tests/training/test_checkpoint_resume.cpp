// Exact resume through the library, at every checkpoint of a run: a run stopped right after its
// k-th checkpoint (the after_write hook throws, as a kill would end it there) and continued from
// that file with run_training_job gives the parameters and X of the run never stopped, bit for bit.
// The step-size search on the grid placed by the curvature is stopped in each of its candidates
// and in its final run, which the CLI tests (tests/cli/test_cli_resume.cpp) sample at a few points.
#include <gtest/gtest.h>

#include <cstring>
#include <filesystem>

#include "../io/temp_dir.hpp"
#include "small_problem.hpp"
#include "snnsense/training/training_job.hpp"

using namespace snnsense;
namespace fs = std::filesystem;

namespace {

struct Killed {};

bool same_bits(const Matrix& a, const Matrix& b) {
  return a.rows() == b.rows() && a.cols() == b.cols() &&
         std::memcmp(a.data(), b.data(), sizeof(double) * static_cast<std::size_t>(a.size())) == 0;
}

// Stops and resumes `job` after each of its checkpoints in turn; returns how many there were.
int expect_exact_resume_at_every_checkpoint(const TrainingJob& job, Index every) {
  const Problem problem = check::small_problem();
  const TrainingOutcome whole = run_training_job(problem, job);
  snnsense::testing::TempDir dir;
  CheckpointOptions checkpoints;
  checkpoints.file = dir.path() / "run.checkpoint";
  checkpoints.every = every;
  int k = 1;
  for (;; ++k) {
    int written = 0;
    checkpoints.after_write = [&written, k](Index) {
      if (++written == k) throw Killed{};
    };
    fs::remove(checkpoints.file);
    const PreparedTraining prepared = prepare_training(problem, job);
    try {
      run_training_job(problem, job, prepared, {}, checkpoints);
      break;  // fewer than k checkpoints: every one has been tried
    } catch (const Killed&) {
    }
    const Checkpoint saved = read_checkpoint(checkpoints.file);
    checkpoints.after_write = nullptr;
    const TrainingOutcome resumed = run_training_job(problem, job, prepared, {}, checkpoints, &saved);
    EXPECT_EQ(resumed.result.reason, whole.result.reason) << "checkpoint " << k;
    EXPECT_TRUE(same_bits(resumed.result.params, whole.result.params)) << "checkpoint " << k;
    EXPECT_TRUE(same_bits(resumed.result.estimate->dense(), whole.result.estimate->dense())) << "checkpoint " << k;
    EXPECT_EQ(resumed.lr, whole.lr) << "checkpoint " << k;
    EXPECT_EQ(resumed.search.has_value() ? resumed.search->candidates.size() : 0u,
              whole.search.has_value() ? whole.search->candidates.size() : 0u)
        << "checkpoint " << k;
  }
  return k - 1;
}

TrainingJob snn_job() {
  TrainingJob job;
  job.model = "snn";
  job.settings.snn.layers = {2, 2};
  job.train.iterations = 40;
  job.train.lr = 0.05;
  job.trace_every = 3;
  return job;
}

}  // namespace

TEST(CheckpointResume, MinibatchSgdWithMomentumAtEveryCheckpoint) {
  TrainingJob job = snn_job();
  job.train.batch_size = 5;
  job.train.lr = 0.2;  // the loss falls from 0.34 to 0.09
  job.train.momentum = Momentum::heavy_ball;
  EXPECT_EQ(expect_exact_resume_at_every_checkpoint(job, 3), 13);
}

TEST(CheckpointResume, APlacedStepSizeSearchAtEveryCheckpoint) {
  TrainingJob job = snn_job();
  job.search_step_size = true;
  job.search.probe_iterations = 8;
  EXPECT_GE(expect_exact_resume_at_every_checkpoint(job, 2), 12);
}

TEST(CheckpointResume, ACheckpointOfAnotherJobOrProblemIsRefused) {
  const Problem problem = check::small_problem();
  TrainingJob job = snn_job();
  snnsense::testing::TempDir dir;
  CheckpointOptions checkpoints;
  checkpoints.file = dir.path() / "run.checkpoint";
  checkpoints.every = 5;
  checkpoints.after_write = [](Index) { throw Killed{}; };
  EXPECT_THROW(run_training_job(problem, job, prepare_training(problem, job), {}, checkpoints), Killed);
  const Checkpoint saved = read_checkpoint(checkpoints.file);

  TrainingJob other = job;
  other.train.lr = 0.04;
  EXPECT_THROW(run_training_job(problem, other, prepare_training(problem, other), {}, {}, &saved), FileError);
  const Problem moved = check::small_problem(6, 2, 24, 10, 2);
  EXPECT_THROW(run_training_job(moved, job, prepare_training(moved, job), {}, {}, &saved), FileError);
}
