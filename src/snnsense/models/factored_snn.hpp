#pragma once
// The SNN of snn.hpp computed in factored form (docs/science.md §6): the same parameters in the
// same layout, the same function and the same gradient, at a cost that grows with n1 + n2 and
// with the measurements, never with n1 n2.
//
// P (n1 x R1) and Q (n2 x R2) are orthonormal bases of span[U_1 .. U_d1] and span[V_1 .. V_d1].
// Every matrix of the network is P C Q^T for an R1 x R2 core C: the inputs are, linear mixing
// keeps the form, and so does sigma_f because f(0) = 0 keeps zero singular values at zero, so
// sigma_f(P C Q^T) = P sigma_f(C) Q^T. The forward pass runs on the cores and the estimate is
// X = P C_out Q^T (a FactoredEstimate, whose core is square: R1 != R2 only when d1 r exceeds n1 or
// n2, and then C_out is diagonalised first). The backward pass needs the loss gradient S only through S Q and S^T P.
#include <optional>
#include <string>

#include "snnsense/models/snn.hpp"

namespace snnsense {

class FactoredSnn : public Model {
 public:
  // The options and `basis` mean what they mean for Snn (and are checked the same way).
  FactoredSnn(Index n1, Index n2, SnnOptions options, std::optional<SpectralBasis> basis = std::nullopt);

  std::string name() const override { return net_.name(); }
  Index rows() const override { return net_.rows(); }
  Index cols() const override { return net_.cols(); }
  Index parameter_count() const override { return net_.parameter_count(); }
  // The same draws as Snn::initial_parameters: both representations start from the same point.
  Vector initial_parameters(Rng& rng) const override { return net_.initial_parameters(rng); }

  std::unique_ptr<Tape> make_tape() const override;
  // A FactoredEstimate X = P C_out Q^T; records the cores in `tape` for pullback().
  std::unique_ptr<Estimate> estimate(const Vector& params, Tape& tape) const override;
  // dLoss/dparams from G.times(Q) and G.transpose_times(P) only.
  Vector pullback(const Vector& params, Tape& tape, const LossGradient& G) const override;

  // The dense X and the vector-Jacobian product of a dense G, through the factored computation:
  // for small problems, tests and finite differences.
  Matrix forward(const Vector& params, Tape& tape) const override;
  Vector backward(const Vector& params, Tape& tape, const Matrix& G) const override;
  // The previous bases (the next ones are aligned with them) and the cores' decompositions.
  void save_tape(const Tape& tape, StateWriter& out) const override;
  void restore_tape(Tape& tape, StateReader& in) const override;
  // The network on the R1 x R2 cores, the bases, the loss gradient's products with them (n1 x R2
  // and n2 x R1 per matrix of a layer in the backward pass) and the factored estimate: nothing
  // grows with n1 n2.
  MemoryEstimate working_memory() const override;

  const SnnOptions& options() const { return net_.options(); }
  Index rank() const { return net_.rank(); }
  // The warm-start counters of the tape's core decompositions, summed (benchmarks, tests).
  WarmSvdCounters svd_counters(const Tape& tape) const;
  // The bases of the last estimate() on `tape`: P (n1 x R1) spans every U_k, Q (n2 x R2) every V_k.
  const Matrix& row_basis(const Tape& tape) const;
  const Matrix& column_basis(const Tape& tape) const;

 private:
  struct FactoredTape;
  void bases_and_inputs(const Vector& params, FactoredTape& tape) const;
  void backward_layer(std::size_t l, const Vector& params, FactoredTape& tape, Vector& grad) const;
  // dLoss/d[U_1 .. U_d1] (rows_side) or dLoss/d[V_1 .. V_d1] from the first layer's blocks.
  void input_gradients(bool rows_side, FactoredTape& tape, Vector& grad) const;

  Snn net_;  // the shape, the parameter layout and the initialisation
  SpectralActivation sigma_;
};

}  // namespace snnsense
