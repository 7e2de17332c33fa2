#include "snnsense/models/lg.hpp"

#include "snnsense/core/error.hpp"

namespace snnsense {

void LgOptions::validate() const {
  if (!(init_scale >= 0.0)) throw InputError("--init-scale: must be non-negative for lg");
}

Lg::Lg(Index n1, Index n2, LgOptions options) : n1_(n1), n2_(n2), options_(options) {
  if (n1 <= 0 || n2 <= 0) throw InputError("model: matrix shape must be positive");
  options_.validate();
}

Vector Lg::initial_parameters(Rng& rng) const {
  if (options_.init_scale == 0.0) return Vector::Zero(parameter_count());
  return options_.init_scale * rng.normal_matrix(parameter_count(), 1);
}

// X is read straight from the parameters, so backward needs nothing from forward.
std::unique_ptr<Model::Tape> Lg::make_tape() const { return std::make_unique<Tape>(); }

Matrix Lg::forward(const Vector& params, Tape&) const { return params.reshaped(n1_, n2_); }

Vector Lg::backward(const Vector&, Tape&, const Matrix& G) const { return G.reshaped(); }

}  // namespace snnsense
