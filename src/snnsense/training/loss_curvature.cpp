#include "snnsense/training/loss_curvature.hpp"

#include <cmath>

#include "snnsense/core/error.hpp"
#include "snnsense/core/rng.hpp"
#include "snnsense/training/loss_evaluation.hpp"

namespace snnsense {

namespace {

// Relative size of the finite-difference step: small enough for the Hessian to dominate the
// difference, large enough that rounding in the gradient (about eps ||g||) stays far below it.
constexpr double kRelativeStep = 1e-4;

// The gradient of the training loss at params; nullopt when it is not finite.
class TrainingGradient {
 public:
  TrainingGradient(const Model& model, const Problem& problem)
      : model_(model), problem_(problem), tape_(model.make_tape()) {}

  std::optional<Vector> operator()(const Vector& params) {
    evaluate_loss(model_, *tape_, params, *problem_.train_operator, problem_.train_y, evaluation_);
    if (!evaluation_.finite) return std::nullopt;
    return evaluation_.gradient;
  }

 private:
  const Model& model_;
  const Problem& problem_;
  std::unique_ptr<Model::Tape> tape_;
  LossEvaluation evaluation_;
};

}  // namespace

CurvatureEstimate estimate_loss_curvature(const Model& model, const Problem& problem, const Vector& params,
                                          Index iterations, std::uint64_t seed) {
  CurvatureEstimate estimate;
  TrainingGradient gradient(model, problem);
  const std::optional<Vector> g0 = gradient(params);
  ++estimate.gradient_evaluations;
  if (!g0 || params.size() == 0) return estimate;

  Rng rng(seed);
  Vector v = rng.normal_matrix(params.size(), 1);
  v.normalize();
  const double h = kRelativeStep * std::max(1.0, params.norm());
  double curvature = 0.0;
  for (Index k = 0; k < iterations; ++k) {
    const std::optional<Vector> g = gradient(params + h * v);
    ++estimate.gradient_evaluations;
    if (!g) return estimate;
    const Vector hv = (*g - *g0) / h;  // H v up to O(h)
    curvature = hv.norm();
    if (!(curvature > 0.0) || !std::isfinite(curvature)) return estimate;
    v = hv / curvature;
  }
  estimate.curvature = curvature;
  return estimate;
}

}  // namespace snnsense
