#include <gtest/gtest.h>

#include "small_problem.hpp"
#include "snnsense/core/error.hpp"
#include "snnsense/training/training_job.hpp"

using namespace snnsense;

namespace {

TrainingJob small_job() {
  TrainingJob job;
  job.model = "snn";
  job.settings.snn.layers = {2};
  job.train.iterations = 40;
  job.train.lr = 0.05;
  return job;
}

}  // namespace

TEST(TrainingJob, JsonFormReadsBackWhatItWrites) {
  TrainingJob job;
  job.model = "df";
  job.train.lr = 0.003;
  job.search_step_size = true;
  job.train.iterations = 77;
  job.train.schedule = Schedule::step;
  job.train.decay_every = 9;
  job.train.decay_factor = 0.5;
  job.train.momentum = Momentum::heavy_ball;
  job.train.momentum_coefficient = 0.7;
  job.train.batch_size = 5;
  job.train.loss_tolerance = 1e-9;
  job.train.gradient_tolerance = 1e-7;
  job.train.divergence_factor = 100.0;
  job.trace_every = 3;
  job.init_seed = 11;
  job.train.seed = 12;
  job.extra_config = {{"layers", {4, 8}}, {"problem", "/p"}};
  const nlohmann::json json = job.to_json();
  EXPECT_EQ(json["iters"], 77);  // the command line's spellings
  EXPECT_EQ(json["momentum"], "heavy-ball");
  EXPECT_EQ(json["layers"], nlohmann::json({4, 8}));
  const TrainingJob back = TrainingJob::from_json(json);
  EXPECT_EQ(back.to_json(), json);
  EXPECT_EQ(back.train.schedule, Schedule::step);
  EXPECT_EQ(back.train.seed, 12u);
  EXPECT_EQ(back.init_seed, 11u);
  EXPECT_TRUE(back.search_step_size);
}

// The model settings a job records are read back by from_json: the job's one JSON form.
TEST(TrainingJob, RecordedSettingsReadBack) {
  for (const std::string model : {"snn", "df", "bm"}) {
    TrainingJob job;
    job.model = model;
    job.settings.snn.layers = {4, 8};
    job.settings.snn.activation = Activation(ActivationKind::scaled_tanh, 3.5);
    job.settings.snn.init = SnnInit::spectral;
    job.settings.snn.identity_eps = 0.25;
    job.settings.snn.rank = job.settings.bm.rank = 3;
    job.settings.snn.threads = 2;
    job.settings.snn.warm_start_svd = false;
    job.settings.snn.representation = job.settings.bm.representation = Representation::factored;
    job.settings.df.depth = 4;
    job.settings.df.width = 5;
    job.settings.df.init = job.settings.bm.init = FactorInit::identity;
    job.settings.snn.init_scale = job.settings.df.init_scale = job.settings.bm.init_scale = 0.125;
    job.record_settings();
    const nlohmann::json json = job.to_json();
    EXPECT_EQ(json["svd"], "lapack") << model;
    EXPECT_EQ(json["init"], model == "snn" ? "spectral" : "identity") << model;
    const TrainingJob back = TrainingJob::from_json(json);
    EXPECT_EQ(settings_json(model, back.settings), settings_json(model, job.settings)) << model;
    EXPECT_EQ(back.to_json(), json) << model;
    EXPECT_EQ(back.settings.snn.layers, (std::vector<int>{4, 8})) << model;
  }
  // Each model's own rank: Burer-Monteiro's, not the SNN's beside it.
  TrainingJob bm;
  bm.model = "bm";
  bm.settings.bm.rank = 32;
  bm.record_settings({"rank"});
  EXPECT_EQ(bm.extra_config, nlohmann::json({{"rank", 32}}));
  EXPECT_EQ(TrainingJob::from_json(bm.to_json()).settings.bm.rank, 32);
  TrainingJob only;
  only.settings.snn.init_scale = 0.01;
  only.record_settings({"init-scale"});
  EXPECT_EQ(only.extra_config, nlohmann::json({{"init-scale", 0.01}}));
  EXPECT_THROW(TrainingJob::from_json({{"svd", "fast"}}), InputError);
  EXPECT_THROW(TrainingJob::from_json({{"layers", "4,8"}}), InputError);
}

TEST(TrainingJob, FromJsonKeepsDefaultsForAbsentKeysAndNamesBadValues) {
  const TrainingJob job = TrainingJob::from_json({{"iters", 5}});
  EXPECT_EQ(job.train.iterations, 5);
  EXPECT_EQ(job.train.lr, TrainOptions{}.lr);
  EXPECT_EQ(job.model, TrainingJob{}.model);
  EXPECT_THROW(TrainingJob::from_json({{"iters", "many"}}), InputError);
  EXPECT_THROW(TrainingJob::from_json({{"momentum", "fast"}}), InputError);
}

TEST(TrainingJob, ValidateRefusesANegativeTracePeriod) {
  TrainingJob job = small_job();
  job.trace_every = -1;
  EXPECT_THROW(job.validate(), InputError);
}

TEST(TrainingJob, TrainsFromThePreparedStartAndRecordsTheStepSize) {
  const Problem p = check::small_problem();
  const TrainingJob job = small_job();
  const PreparedTraining prepared = prepare_training(p, job);
  // The prepared start is the seeded initialisation, so a file written from it is the run's start.
  Rng rng(job.init_seed);
  EXPECT_EQ(prepared.initial, prepared.model->initial_parameters(rng));
  const TrainingOutcome a = run_training_job(p, job, prepared);
  const TrainingOutcome b = run_training_job(p, job);
  EXPECT_EQ(a.result.estimate->dense(), b.result.estimate->dense());
  ASSERT_TRUE(a.chosen_lr.has_value());
  EXPECT_EQ(*a.chosen_lr, 0.05);
  EXPECT_EQ(a.files.config["lr"], 0.05);
  EXPECT_EQ(a.files.config["iters"], 40);
  ASSERT_TRUE(a.final.has_value());
  EXPECT_EQ(a.files.summary["final"], a.final->to_json());
}

TEST(TrainingJob, PreparedStartOfTheWrongLengthIsRefused) {
  const Problem p = check::small_problem();
  TrainingJob job = small_job();
  job.initial = Vector::Zero(3);
  EXPECT_THROW(prepare_training(p, job), InputError);
}

TEST(TrainingJob, SearchReturnsTheStepSizeItChose) {
  const Problem p = check::small_problem();
  TrainingJob job = small_job();
  job.search_step_size = true;
  job.search.placement = GridPlacement::fixed;
  job.search.grid = {1e6, 0.05, 0.01};
  const TrainingOutcome out = run_training_job(p, job);
  ASSERT_TRUE(out.search.has_value());
  ASSERT_TRUE(out.chosen_lr.has_value());
  EXPECT_EQ(nlohmann::json(*out.chosen_lr), out.search->to_json()["best_lr"]);
  EXPECT_EQ(out.files.summary["lr"], *out.chosen_lr);

  job.search.grid = {1e6, 1e5};
  const TrainingOutcome none = run_training_job(p, job);
  EXPECT_FALSE(none.chosen_lr.has_value());
  EXPECT_FALSE(none.any_finished);
  EXPECT_EQ(none.result.reason, StopReason::diverged);
}

namespace {

// Interrupts the n-th run the job starts (search candidates and the full-budget rerun count).
class StopInRun : public Callback {
 public:
  explicit StopInRun(int n) : n_(n) {}
  void on_begin(const IterationState&) override { ++begun_; }
  std::optional<StopReason> on_iteration(const IterationState& state) override {
    if (begun_ == n_ && state.iteration == 3) return StopReason::interrupted;
    return std::nullopt;
  }

 private:
  int n_;
  int begun_ = 0;
};

}  // namespace

TEST(TrainingJob, InterruptedSearchReportsTheStepSizeOfTheRunItStopped) {
  const Problem p = check::small_problem();
  TrainingJob job = small_job();
  job.search_step_size = true;
  job.search.placement = GridPlacement::fixed;
  job.search.grid = {0.05, 1e-6};
  StopInRun second(2);
  const TrainingOutcome in_candidate = run_training_job(p, job, {&second});
  EXPECT_EQ(in_candidate.result.reason, StopReason::interrupted);
  EXPECT_EQ(in_candidate.chosen_lr, 1e-6);

  // Probing: both candidates finish, the winner's full-budget rerun is the one stopped.
  job.search.probe_iterations = 10;
  StopInRun third(3);
  const TrainingOutcome in_rerun = run_training_job(p, job, {&third});
  EXPECT_EQ(in_rerun.result.reason, StopReason::interrupted);
  EXPECT_EQ(in_rerun.chosen_lr, 0.05);
  EXPECT_EQ(in_rerun.lr, 0.05);
}
