#include <gtest/gtest.h>

#include <cmath>

#include "snnsense/core/error.hpp"
#include "snnsense/training/optimizer.hpp"

using namespace snnsense;

namespace {

TrainOptions adam() {
  TrainOptions o;
  o.optimizer = OptimizerKind::adam;
  return o;
}

}  // namespace

// With bias correction each of Adam's steps under a constant gradient has length lr per
// coordinate (up to epsilon), whatever the gradient's scale: the invariance Adam is chosen for.
TEST(Optimizer, AdamStepsAreTheStepSizePerCoordinateUnderAConstantGradient) {
  Optimizer optimizer(adam());
  Vector params = Vector::Zero(3);
  const Vector g{{1e-3, -5.0, 2e4}};
  for (int t = 1; t <= 5; ++t) {
    const Vector before = params;
    optimizer.step(params, g, 0.1);
    for (Index i = 0; i < 3; ++i)
      EXPECT_NEAR(before(i) - params(i), 0.1 * g(i) / (std::abs(g(i)) + 1e-8), 1e-12) << "step " << t << ", " << i;
  }
}

// +g then -g: the first moment nearly cancels (m = b1 (1-b1) g - (1-b1) g) while the second keeps
// g^2; the second step, from the bias-corrected moments by hand, is small and backwards.
TEST(Optimizer, AdamMomentsByHand) {
  Optimizer optimizer(adam());
  Vector params = Vector::Zero(1);
  optimizer.step(params, Vector::Constant(1, 2.0), 1.0);
  EXPECT_NEAR(params(0), -2.0 / (2.0 + 1e-8), 1e-15);
  optimizer.step(params, Vector::Constant(1, -2.0), 1.0);
  const double m = (0.9 * 0.1 * 2.0 - 0.1 * 2.0) / (1.0 - 0.81);
  const double v = (0.999 * 0.001 * 4.0 + 0.001 * 4.0) / (1.0 - 0.999 * 0.999);
  EXPECT_NEAR(params(0), -2.0 / (2.0 + 1e-8) - m / (std::sqrt(v) + 1e-8), 1e-12);
}

TEST(Optimizer, HeavyBallFollowsPyTorchsBuffer) {
  TrainOptions o;
  o.momentum = Momentum::heavy_ball;
  Optimizer optimizer(o);
  Vector params = Vector::Zero(1);
  optimizer.step(params, Vector::Constant(1, 1.0), 0.5);  // b = g
  optimizer.step(params, Vector::Constant(1, 1.0), 0.5);  // b = 0.9 b + g
  EXPECT_DOUBLE_EQ(params(0), -0.5 - 0.5 * 1.9);
}

TEST(Optimizer, AdamOptionsAreChecked) {
  TrainOptions o = adam();
  o.momentum = Momentum::nesterov;
  EXPECT_THROW(o.validate(), InputError);
  o = adam();
  o.adam_beta2 = 1.0;
  EXPECT_THROW(o.validate(), InputError);
  o = adam();
  o.adam_epsilon = 0.0;
  EXPECT_THROW(o.validate(), InputError);
  EXPECT_EQ(optimizer_from_string("adam"), OptimizerKind::adam);
  EXPECT_THROW(optimizer_from_string("sgd"), InputError);
}
