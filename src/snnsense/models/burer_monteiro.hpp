#pragma once
// Burer-Monteiro factorisation (docs/science.md §5): X = U V^T with U n1 x r and V n2 x r, or X = U U^T
// for symmetric positive semidefinite targets. From a small init GD is biased toward low rank.
#include "snnsense/models/factor_init.hpp"
#include "snnsense/models/model.hpp"
#include "snnsense/models/representation.hpp"

namespace snnsense {

struct BmOptions {
  Index rank = 0;    // columns r of U (and V); 0 means min(n1, n2)
  bool psd = false;  // X = U U^T; needs n1 == n2
  FactorInit init = FactorInit::gaussian;
  double init_scale = 1e-3;  // multiplies every initial entry; small, as in the paper
  // Factored: the estimate is U V^T as factors and the gradient G V, G^T U comes from the
  // operator's products, so no n1 x n2 matrix is formed. Automatic: factored when r < min(n1, n2).
  Representation representation = Representation::automatic;

  // Throws InputError naming the offending option.
  void validate(Index n1, Index n2) const;
};

class BurerMonteiro : public Model {
 public:
  BurerMonteiro(Index n1, Index n2, BmOptions options = {});

  std::string name() const override { return options_.psd ? "bm-psd" : "bm"; }
  Index rows() const override { return n1_; }
  Index cols() const override { return n2_; }
  // The flat parameters are U (n1 x r, column-major), then V (n2 x r, column-major) unless psd.
  Index parameter_count() const override { return (options_.psd ? n1_ : n1_ + n2_) * rank_; }
  Vector initial_parameters(Rng& rng) const override;

  std::unique_ptr<Tape> make_tape() const override;
  Matrix forward(const Vector& params, Tape& tape) const override;
  Vector backward(const Vector& params, Tape& tape, const Matrix& G) const override;
  // Dense: the default's. Factored: the factors' copies, the estimate's and the gradient.
  MemoryEstimate working_memory() const override;
  // In factored form (factored()), these never form X or G; otherwise forward() and backward().
  std::unique_ptr<Estimate> estimate(const Vector& params, Tape& tape) const override;
  Vector pullback(const Vector& params, Tape& tape, const LossGradient& G) const override;

  const BmOptions& options() const { return options_; }
  bool factored() const { return factored_; }
  Index rank() const { return rank_; }

 private:
  auto u(const Vector& params) const { return params.head(n1_ * rank_).reshaped(n1_, rank_); }
  auto v(const Vector& params) const { return params.tail(n2_ * rank_).reshaped(n2_, rank_); }

  Index n1_, n2_, rank_;
  BmOptions options_;
  bool factored_ = false;
};

}  // namespace snnsense
