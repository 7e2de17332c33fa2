#pragma once
// LG (docs/science.md §5): X itself is the parameter. From zero, GD stays in the row space of the
// measurement map and converges to the minimum-Frobenius-norm interpolant, with no bias toward
// low rank: the negative control for the SNN.
#include "snnsense/models/model.hpp"

namespace snnsense {

struct LgOptions {
  // 0 starts at X = 0, the paper's setting; a positive value draws init_scale * N(0, 1) entries.
  double init_scale = 0.0;

  // Throws InputError naming the offending option.
  void validate() const;
};

class Lg : public Model {
 public:
  Lg(Index n1, Index n2, LgOptions options = {});

  std::string name() const override { return "lg"; }
  Index rows() const override { return n1_; }
  Index cols() const override { return n2_; }
  // The flat parameters are X column-major.
  Index parameter_count() const override { return n1_ * n2_; }
  Vector initial_parameters(Rng& rng) const override;

  std::unique_ptr<Tape> make_tape() const override;
  Matrix forward(const Vector& params, Tape& tape) const override;
  Vector backward(const Vector& params, Tape& tape, const Matrix& G) const override;

  const LgOptions& options() const { return options_; }

 private:
  Index n1_, n2_;
  LgOptions options_;
};

}  // namespace snnsense
