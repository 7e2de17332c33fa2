#include "snnsense/models/deep_factorization.hpp"

#include <algorithm>

#include "snnsense/core/error.hpp"

namespace snnsense {

void DfOptions::validate() const {
  if (depth < 2) throw InputError("--depth: must be at least 2, got " + std::to_string(depth));
  if (width < 0) throw InputError("--width: must be positive (0 for the default), got " + std::to_string(width));
  if (!(init_scale > 0.0)) throw InputError("--init-scale: must be positive");
}

struct DeepFactorization::DfTape : Model::Tape {
  // prefix[j] = W_{j+1} ... W_1, for j < N - 1 (the full product is X itself).
  std::vector<Matrix> prefix;
  // (W_N ... W_{j+2})^T G while backward walks down the factors, and its next value.
  Matrix suffix, next_suffix;
};

DeepFactorization::DeepFactorization(Index n1, Index n2, DfOptions options) : n1_(n1), n2_(n2), options_(options) {
  if (n1 <= 0 || n2 <= 0) throw InputError("model: matrix shape must be positive");
  options_.validate();
  width_ = options_.width > 0 ? options_.width : std::min(n1, n2);
  offsets_.assign(1, 0);
  for (int j = 0; j < depth(); ++j) offsets_.push_back(offsets_.back() + factor_rows(j) * factor_cols(j));
}

Vector DeepFactorization::initial_parameters(Rng& rng) const {
  Vector params(parameter_count());
  for (int j = 0; j < depth(); ++j)
    factor(params, j) = initial_factor(options_.init, factor_rows(j), factor_cols(j), options_.init_scale, rng);
  return params;
}

std::unique_ptr<Model::Tape> DeepFactorization::make_tape() const {
  auto tape = std::make_unique<DfTape>();
  tape->prefix.resize(depth() - 1);
  return tape;
}

MemoryEstimate DeepFactorization::working_memory() const {
  const double widest = static_cast<double>(std::max(n1_, width_));
  return Model::working_memory()
      .add_doubles("prefix products", static_cast<double>(depth() - 1) * static_cast<double>(width_ * n2_))
      .add_doubles("suffix products", 2.0 * widest * static_cast<double>(n2_));
}

Matrix DeepFactorization::forward(const Vector& params, Tape& base_tape) const {
  auto& tape = static_cast<DfTape&>(base_tape);
  tape.prefix[0] = factor(params, 0);
  for (int j = 1; j + 1 < depth(); ++j) tape.prefix[j].noalias() = factor(params, j) * tape.prefix[j - 1];
  return factor(params, depth() - 1) * tape.prefix[depth() - 2];
}

Vector DeepFactorization::backward(const Vector& params, Tape& base_tape, const Matrix& G) const {
  auto& tape = static_cast<DfTape&>(base_tape);
  // dLoss/dW_{j+1} = (W_N ... W_{j+2})^T G (W_j ... W_1)^T: the suffix factor is built from the
  // top down, one product per factor, and the prefix comes from forward.
  Vector grad(parameter_count());
  tape.suffix = G;
  for (int j = depth() - 1; j > 0; --j) {
    factor(grad, j).noalias() = tape.suffix * tape.prefix[j - 1].transpose();
    tape.next_suffix.noalias() = factor(params, j).transpose() * tape.suffix;
    std::swap(tape.suffix, tape.next_suffix);
  }
  factor(grad, 0) = tape.suffix;
  return grad;
}

}  // namespace snnsense
