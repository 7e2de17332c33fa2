// The trainer, the trace, the stop rules, the divergence guard and the run files use what a model
// produces only through the Estimate interface: a model whose estimate refuses to be made dense
// (a Burer-Monteiro factorisation U V^T kept as factors) trains, records, stops and saves, and
// follows the dense model of the same function step for step.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <stdexcept>

#include "small_problem.hpp"
#include "snnsense/diagnostics/reconstruction_metrics.hpp"
#include "snnsense/models/burer_monteiro.hpp"
#include "snnsense/problems/generate.hpp"
#include "snnsense/training/trace_recorder.hpp"
#include "snnsense/training/trainer.hpp"
#include "snnsense/training/training_job.hpp"

using namespace snnsense;

namespace {

// A factored estimate that fails the test if anything asks for X densely.
class RefusingEstimate final : public FactoredEstimate {
 public:
  explicit RefusingEstimate(FactoredEstimate e) : FactoredEstimate(std::move(e)) {}
  Matrix dense() const override {
    ADD_FAILURE() << "the estimate was asked for a dense X";
    throw std::logic_error("dense estimate requested");
  }
};

// X = U V^T with the flat parameters of BurerMonteiro (U, then V, column-major), computed through
// factors: the loss gradient reaches it only as the products G V and G^T U.
class FactoredBm final : public Model {
 public:
  FactoredBm(Index n1, Index n2, Index rank) : n1_(n1), n2_(n2), rank_(rank) {}

  std::string name() const override { return "factored-bm"; }
  Index rows() const override { return n1_; }
  Index cols() const override { return n2_; }
  Index parameter_count() const override { return (n1_ + n2_) * rank_; }
  Vector initial_parameters(Rng& rng) const override { return 0.1 * rng.normal_matrix(parameter_count(), 1).reshaped(); }
  std::unique_ptr<Tape> make_tape() const override { return std::make_unique<Tape>(); }

  Matrix forward(const Vector&, Tape&) const override { return refuse<Matrix>("forward"); }
  Vector backward(const Vector&, Tape&, const Matrix&) const override { return refuse<Vector>("backward"); }

  std::unique_ptr<Estimate> estimate(const Vector& params, Tape&) const override {
    return std::make_unique<RefusingEstimate>(FactoredEstimate::from_factors(u(params), v(params)));
  }
  Vector pullback(const Vector& params, Tape&, const LossGradient& G) const override {
    Vector grad(parameter_count());
    grad.head(n1_ * rank_).reshaped(n1_, rank_) = G.times(v(params));
    grad.tail(n2_ * rank_).reshaped(n2_, rank_) = G.transpose_times(u(params));
    return grad;
  }

 private:
  template <class T>
  static T refuse(const char* what) {
    ADD_FAILURE() << "the trainer called the dense " << what;
    throw std::logic_error("dense path taken");
  }
  Matrix u(const Vector& params) const { return params.head(n1_ * rank_).reshaped(n1_, rank_); }
  Matrix v(const Vector& params) const { return params.tail(n2_ * rank_).reshaped(n2_, rank_); }

  Index n1_, n2_, rank_;
};

Problem completion_problem() {
  GenerateOptions g;
  g.problem = "rectangular";
  g.design = "completion";
  g.n = 12;
  g.n2 = 15;
  g.rank = 2;
  g.fraction = 0.5;
  return generate_problem(g);
}

struct Pair {
  TrainResult factored, dense;
  Trace factored_trace, dense_trace;
};

// Both parametrisations from the same start with the same options.
Pair train_both(const Problem& p, const TrainOptions& options, Index rank = 3) {
  const FactoredBm factored(p.n1, p.n2, rank);
  BmOptions bm;
  bm.rank = rank;
  const BurerMonteiro dense(p.n1, p.n2, bm);
  Rng rng(7);
  const Vector start = factored.initial_parameters(rng);
  Pair out;
  TraceRecorder factored_trace(p, 10), dense_trace(p, 10);
  out.factored = train(factored, p, options, start, {&factored_trace});
  out.dense = train(dense, p, options, start, {&dense_trace});
  out.factored_trace = factored_trace.take();
  out.dense_trace = dense_trace.take();
  return out;
}

void expect_same_run(const Pair& r, double tolerance) {
  EXPECT_EQ(r.factored.reason, r.dense.reason);
  EXPECT_EQ(r.factored.iterations, r.dense.iterations);
  ASSERT_TRUE(r.factored.estimate && r.dense.estimate);
  EXPECT_LE((r.factored.params - r.dense.params).norm(), tolerance * r.dense.params.norm());
  EXPECT_NEAR(r.factored.final_loss, r.dense.final_loss, tolerance * r.dense.final_loss);
  ASSERT_EQ(r.factored_trace.rows.size(), r.dense_trace.rows.size());
  for (std::size_t k = 0; k < r.dense_trace.rows.size(); ++k) {
    const TraceRow& a = r.factored_trace.rows[k];
    const TraceRow& b = r.dense_trace.rows[k];
    EXPECT_EQ(a.iteration, b.iteration);
    EXPECT_NEAR(a.metrics.train_loss, b.metrics.train_loss, tolerance * b.metrics.train_loss);
    EXPECT_NEAR(*a.metrics.relative_error, *b.metrics.relative_error, tolerance);
    EXPECT_NEAR(a.metrics.spectrum.nuclear_norm, b.metrics.spectrum.nuclear_norm, tolerance);
    // The factored estimate has R = 3 singular values; the dense one's others are round-off.
    EXPECT_LE((a.metrics.spectrum.singular_values - b.metrics.spectrum.singular_values.head(3)).norm(), tolerance);
  }
}

}  // namespace

TEST(EstimateInterface, FactoredEstimateTrainsLikeTheDenseModelOnCompletion) {
  const Problem p = completion_problem();
  TrainOptions options;
  options.iterations = 200;
  options.lr = 20.0;
  options.momentum = Momentum::heavy_ball;
  const Pair r = train_both(p, options);
  EXPECT_EQ(r.factored.reason, StopReason::max_iterations);
  EXPECT_LT(r.factored.final_loss, 0.1 * r.factored.initial_loss);
  expect_same_run(r, 1e-10);
}

TEST(EstimateInterface, FactoredEstimateTrainsLikeTheDenseModelOnGaussianSensingWithMinibatches) {
  // The dense operator has no factored structure: its default products go through A*(r), and
  // the estimate still is never formed.
  const Problem p = check::small_problem(6, 2, 30, 10);
  TrainOptions options;
  options.iterations = 150;
  options.lr = 0.05;
  options.batch_size = 10;
  expect_same_run(train_both(p, options), 1e-10);
}

TEST(EstimateInterface, StopRulesSeeTheFactoredRunAsTheDenseOne) {
  const Problem p = completion_problem();
  TrainOptions tolerance;
  tolerance.iterations = 5000;
  tolerance.lr = 20.0;
  tolerance.loss_tolerance = 1e-3 * sensing_loss(*p.train_operator, p.train_y, Matrix::Zero(p.n1, p.n2));
  const Pair stopped = train_both(p, tolerance);
  EXPECT_EQ(stopped.factored.reason, StopReason::loss_tolerance);
  expect_same_run(stopped, 1e-10);

  TrainOptions huge;
  huge.iterations = 100;
  huge.lr = 1e6;
  const Pair diverged = train_both(p, huge);
  EXPECT_EQ(diverged.factored.reason, StopReason::diverged);
  ASSERT_TRUE(diverged.factored.estimate);
  EXPECT_TRUE(diverged.factored.estimate->all_finite());
  expect_same_run(diverged, 1e-10);
}

TEST(EstimateInterface, RunFilesStoreTheFactorsAndReadThemBack) {
  const Problem p = completion_problem();
  TrainingJob job;
  job.train.iterations = 60;
  job.train.lr = 20.0;
  PreparedTraining prepared;
  prepared.model = std::make_shared<FactoredBm>(p.n1, p.n2, 3);
  Rng rng(3);
  prepared.initial = prepared.model->initial_parameters(rng);
  const TrainingOutcome out = run_training_job(p, job, prepared);
  ASSERT_TRUE(out.final);
  EXPECT_EQ(out.files.summary["status"], "max_iterations");
  EXPECT_LT(*out.final->relative_error, 1.0);

  const auto dir = std::filesystem::temp_directory_path() / ("snnsense-factored-run-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  out.files.save(dir, p);
  // The dense copy of a small problem comes from the factors, not from asking the estimate.
  EXPECT_TRUE(std::filesystem::exists(dir / "X.npy"));
  EXPECT_TRUE(std::filesystem::exists(dir / "X_left.npy"));
  EXPECT_TRUE(std::filesystem::exists(dir / "trace.csv"));
  const RunFiles back = load_run(dir);
  std::filesystem::remove_all(dir);
  ASSERT_TRUE(back.estimate && back.estimate->factored_form());
  const std::vector<Index> rows{0, 5, 11}, cols{14, 0, 7};
  EXPECT_LE((back.estimate->entries(rows, cols) - out.result.estimate->entries(rows, cols)).norm(), 1e-12);
  EXPECT_NEAR(relative_error(*back.estimate, *p.x_true), *out.final->relative_error, 1e-12);
}
