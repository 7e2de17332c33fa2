#include "snnsense/models/burer_monteiro.hpp"

#include <algorithm>

#include "snnsense/core/error.hpp"
#include "snnsense/models/loss_gradient.hpp"

namespace snnsense {

void BmOptions::validate(Index n1, Index n2) const {
  if (rank < 0 || rank > std::min(n1, n2))
    throw InputError("--rank: must lie in 1.." + std::to_string(std::min(n1, n2)) + " (0 for the default), got " +
                     std::to_string(rank));
  if (!(init_scale > 0.0)) throw InputError("--init-scale: must be positive");
  if (psd && n1 != n2)
    throw InputError("--model bm-psd: needs a square problem, got " + std::to_string(n1) + " x " + std::to_string(n2));
}

BurerMonteiro::BurerMonteiro(Index n1, Index n2, BmOptions options) : n1_(n1), n2_(n2), options_(options) {
  if (n1 <= 0 || n2 <= 0) throw InputError("model: matrix shape must be positive");
  options_.validate(n1, n2);
  rank_ = options_.rank > 0 ? options_.rank : std::min(n1, n2);
  factored_ = computes_factored(options_.representation, rank_, n1, n2);
}

Vector BurerMonteiro::initial_parameters(Rng& rng) const {
  Vector params(parameter_count());
  params.head(n1_ * rank_) = initial_factor(options_.init, n1_, rank_, options_.init_scale, rng).reshaped();
  if (!options_.psd)
    params.tail(n2_ * rank_) = initial_factor(options_.init, n2_, rank_, options_.init_scale, rng).reshaped();
  return params;
}

// U and V are read straight from the parameters, so backward needs nothing from forward.
std::unique_ptr<Model::Tape> BurerMonteiro::make_tape() const { return std::make_unique<Tape>(); }

Matrix BurerMonteiro::forward(const Vector& params, Tape&) const {
  if (options_.psd) return u(params) * u(params).transpose();
  return u(params) * v(params).transpose();
}

Vector BurerMonteiro::backward(const Vector& params, Tape&, const Matrix& G) const {
  Vector grad(parameter_count());
  auto gU = grad.head(n1_ * rank_).reshaped(n1_, rank_);
  if (options_.psd) {
    // U appears on both sides of U U^T.
    gU.noalias() = (G + G.transpose()) * u(params);
  } else {
    gU.noalias() = G * v(params);
    grad.tail(n2_ * rank_).reshaped(n2_, rank_).noalias() = G.transpose() * u(params);
  }
  return grad;
}

MemoryEstimate BurerMonteiro::working_memory() const {
  if (!factored_) return Model::working_memory();
  const double factors = static_cast<double>((n1_ + n2_) * rank_);
  MemoryEstimate memory;
  memory.add_doubles("factors and their estimate", 3.0 * factors)
      .add_doubles("parameter gradient", static_cast<double>(parameter_count()));
  return memory;
}

std::unique_ptr<Estimate> BurerMonteiro::estimate(const Vector& params, Tape& tape) const {
  if (!factored_) return Model::estimate(params, tape);
  const Matrix U = u(params);
  return std::make_unique<FactoredEstimate>(FactoredEstimate::from_factors(U, options_.psd ? U : Matrix(v(params))));
}

Vector BurerMonteiro::pullback(const Vector& params, Tape& tape, const LossGradient& G) const {
  if (!factored_) return Model::pullback(params, tape, G);
  Vector grad(parameter_count());
  auto gU = grad.head(n1_ * rank_).reshaped(n1_, rank_);
  const Matrix U = u(params);
  if (options_.psd) {
    gU = G.times(U) + G.transpose_times(U);
  } else {
    gU = G.times(v(params));
    grad.tail(n2_ * rank_).reshaped(n2_, rank_) = G.transpose_times(U);
  }
  return grad;
}

}  // namespace snnsense
