#pragma once
// Deep matrix factorisation (docs/science.md §5; Arora, Cohen, Hu, Luo 2019): X = W_N ... W_1 with
// W_1 k x n2, W_2..W_{N-1} k x k and W_N n1 x k. From a small init, depth strengthens GD's bias
// toward low rank.
#include <vector>

#include "snnsense/models/factor_init.hpp"
#include "snnsense/models/model.hpp"

namespace snnsense {

struct DfOptions {
  int depth = 3;    // N, the number of factors
  Index width = 0;  // inner width k; 0 means min(n1, n2)
  FactorInit init = FactorInit::identity;
  double init_scale = 1e-3;  // multiplies every initial factor; small, as in the paper

  // Throws InputError naming the offending option.
  void validate() const;
};

class DeepFactorization : public Model {
 public:
  DeepFactorization(Index n1, Index n2, DfOptions options = {});

  std::string name() const override { return "df"; }
  Index rows() const override { return n1_; }
  Index cols() const override { return n2_; }
  // The flat parameters are W_1, ..., W_N in that order, each column-major.
  Index parameter_count() const override { return offsets_.back(); }
  Vector initial_parameters(Rng& rng) const override;

  std::unique_ptr<Tape> make_tape() const override;
  Matrix forward(const Vector& params, Tape& tape) const override;
  Vector backward(const Vector& params, Tape& tape, const Matrix& G) const override;
  // The default's, with the prefix products (width x n2 each) and the suffix pair of backward.
  MemoryEstimate working_memory() const override;

  const DfOptions& options() const { return options_; }
  Index width() const { return width_; }
  int depth() const { return options_.depth; }

 private:
  struct DfTape;
  // Factor j is W_{j+1}: 0-based, applied first.
  Index factor_rows(int j) const { return j + 1 == depth() ? n1_ : width_; }
  Index factor_cols(int j) const { return j == 0 ? n2_ : width_; }
  // A view of factor j in `params`; writable when `params` is (gradients are laid out alike).
  template <class FlatVector>
  auto factor(FlatVector& params, int j) const {
    return params.segment(offsets_[j], factor_rows(j) * factor_cols(j)).reshaped(factor_rows(j), factor_cols(j));
  }

  Index n1_, n2_, width_;
  DfOptions options_;
  std::vector<Index> offsets_;  // offsets_[j] starts factor j; the last entry is the parameter count
};

}  // namespace snnsense
