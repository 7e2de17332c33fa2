#pragma once
// The scale of the training loss's curvature at a point: the largest |eigenvalue| of its Hessian
// with respect to the model's parameters, by power iteration on finite-difference Hessian-vector
// products. Gradient descent is stable on a quadratic for step sizes below 2 / curvature, so this
// places a step-size search on problems whose loss scale differs from the paper's by decades
// (completion, whose 1/m-weighted entries shrink the loss with the matrix size).
#include <cstdint>

#include "snnsense/models/model.hpp"
#include "snnsense/problems/problem.hpp"

namespace snnsense {

struct CurvatureEstimate {
  double curvature = 0.0;  // 0 when the loss is flat there or the estimate is not finite
  Index gradient_evaluations = 0;
};

// The loss is the trainer's 1/(2m) ||A(model(params)) - y||^2 on all training measurements. Seeded:
// the same inputs give the same estimate. `iterations` power steps (one gradient each) after the
// gradient at `params`.
CurvatureEstimate estimate_loss_curvature(const Model& model, const Problem& problem, const Vector& params,
                                          Index iterations = 20, std::uint64_t seed = 0);

}  // namespace snnsense
