// Model::working_memory against the heap an evaluation actually holds, and the sizes that decide
// whether a large run is refused.
#include <gtest/gtest.h>
#include <malloc.h>

#include <memory>

#include "snnsense/models/factored_snn.hpp"
#include "snnsense/models/model_factory.hpp"

using namespace snnsense;

namespace {

double heap_in_use() {
  const struct mallinfo2 info = mallinfo2();
  return static_cast<double>(info.uordblks + info.hblkhd);
}

// The heap held after one estimate and pullback: the tape, the estimate, the dense loss gradient
// and the parameter gradient, all alive.
double held_bytes(const Model& model, const Vector& params) {
  const double before = heap_in_use();
  auto tape = model.make_tape();
  auto estimate = model.estimate(params, *tape);
  const Matrix G = Matrix::Constant(model.rows(), model.cols(), 1e-3);
  const Vector gradient = model.pullback(params, *tape, DenseLossGradient(G));
  const double after = heap_in_use();
  EXPECT_EQ(gradient.size(), model.parameter_count());
  return after - before;
}

void expect_close_to_measured(const std::string& name, const ModelSettings& settings) {
  const ModelPtr model = make_model(name, 90, 70, settings);
  Rng rng(1);
  const Vector params = model->initial_parameters(rng);
  const double held = held_bytes(*model, params);
  // Less than the X it certainly holds: glibc's statistics do not see this allocator (a sanitizer's).
  if (held < 8.0 * 90 * 70) GTEST_SKIP() << "the allocator's statistics are not available (a sanitizer build)";
  const double estimated = model->working_memory().total_bytes();
  // Measured on 90 x 70: snn 4.17 MB estimated for 3.45 MB held, woa, lg and df within 6%.
  EXPECT_GT(estimated, held / 2.0) << name << ": estimated " << estimated << " bytes, held " << held;
  EXPECT_LT(estimated, held * 2.0) << name << ": estimated " << estimated << " bytes, held " << held;
}

}  // namespace

TEST(WorkingMemory, DenseSnnWithinAFactorOfTwoOfWhatItsTapeHolds) {
  ModelSettings settings;
  settings.snn.layers = {2, 3, 2};
  settings.snn.representation = Representation::dense;
  expect_close_to_measured("snn", settings);
}

TEST(WorkingMemory, WoaLgAndDeepFactorizationWithinAFactorOfTwo) {
  ModelSettings settings;
  settings.snn.layers = {2, 2};
  settings.snn.representation = Representation::dense;
  expect_close_to_measured("woa", settings);
  expect_close_to_measured("lg", settings);
  settings.df.depth = 3;
  expect_close_to_measured("df", settings);
}

TEST(WorkingMemory, FactoredSnnGrowsWithNPlusNDenseWithTheEntries) {
  // The brief's case: an SNN [4, 8, 16] of rank 2 on a 20000 x 20000 completion problem.
  SnnOptions options;
  options.layers = {4, 8, 16};
  options.rank = 2;
  const auto factored = [&](Index n) { return FactoredSnn(n, n, options).working_memory().total_bytes(); };
  EXPECT_LT(factored(20000), 1e9);
  EXPECT_LE(factored(40000), 2.0 * factored(20000));
  options.representation = Representation::dense;
  const auto dense = [&](Index n) { return Snn(n, n, options).working_memory().total_bytes(); };
  // 28 matrices of 20000 x 20000 in the forward pass alone, two each.
  EXPECT_GT(dense(20000), 28.0 * 2.0 * 8.0 * 4e8);
  EXPECT_GT(dense(40000), 3.9 * dense(20000));
}

TEST(WorkingMemory, FactoredBurerMonteiroHoldsFactorsOnly) {
  ModelSettings settings;
  settings.bm.rank = 5;
  settings.bm.representation = Representation::factored;
  const ModelPtr model = make_model("bm", 20000, 30000, settings);
  EXPECT_LT(model->working_memory().total_bytes(), 10.0 * 8.0 * 50000 * 5);
  settings.bm.representation = Representation::dense;
  EXPECT_GT(make_model("bm", 20000, 30000, settings)->working_memory().total_bytes(), 2.0 * 8.0 * 6e8);
}
