#pragma once
// Central finite differences of <W, model(params)> against the model's vjp, shared by every
// model's test.
#include "snnsense/models/model.hpp"

namespace snnsense::check {

inline double vjp_relative_error(const Model& model, const Vector& params, const Matrix& W, double h = 1e-6) {
  const Vector analytic = model.vjp(params, W);
  Vector numeric(params.size());
  auto tape = model.make_tape();
  auto loss = [&](const Vector& p) { return (W.array() * model.forward(p, *tape).array()).sum(); };
  for (Index i = 0; i < params.size(); ++i) {
    Vector plus = params, minus = params;
    const double step = h * std::max(1.0, std::abs(params(i)));
    plus(i) += step;
    minus(i) -= step;
    numeric(i) = (loss(plus) - loss(minus)) / (2 * step);
  }
  return (analytic - numeric).norm() / std::max(numeric.norm(), 1e-300);
}

}  // namespace snnsense::check
