#pragma once
// Spectral neural network (docs/science.md §2): d_1 input matrices U_k V_k^T, then L layers that apply
// sigma_f to each matrix and mix them with alpha^(l) (d_l x d_{l+1}, d_{L+1} = 1).
// Without the activation the same network is WOA, the linear baseline.
#include <array>
#include <optional>
#include <string>
#include <vector>

#include "snnsense/core/enum_names.hpp"
#include "snnsense/linalg/spectral_activation.hpp"
#include "snnsense/linalg/spectral_basis.hpp"
#include "snnsense/models/representation.hpp"
#include "snnsense/models/model.hpp"

namespace snnsense {

enum class SnnInit { spectral, identity, random, diag };

template <>
struct EnumNames<SnnInit> {
  static constexpr std::array<std::pair<SnnInit, std::string_view>, 4> table{{{SnnInit::spectral, "spectral"},
                                                                              {SnnInit::identity, "identity"},
                                                                              {SnnInit::random, "random"},
                                                                              {SnnInit::diag, "diag"}}};
};

// --svd's names of the two ways to decompose (SnnOptions::warm_start_svd).
template <>
struct EnumNames<SvdMethod> {
  static constexpr std::array<std::pair<SvdMethod, std::string_view>, 2> table{
      {{SvdMethod::warm, "warm"}, {SvdMethod::lapack, "lapack"}}};
};

// InputError for unknown names.
inline SnnInit snn_init_from_string(const std::string& name) { return enum_from_string<SnnInit>(name, "unknown init"); }

struct SnnOptions {
  std::vector<int> layers{2, 2, 2, 2};  // widths d_1..d_L
  Activation activation{};              // f, default tanh
  bool use_activation = true;           // false gives WOA
  Index rank = 0;                       // columns r of U_k, V_k; 0 means min(n1, n2)
  SnnInit init = SnnInit::identity;
  // The paper's identity initialisation U_k = V_k = eps I. Small, so the network starts near
  // zero where GD's implicit bias toward low nuclear norm is strongest.
  double identity_eps = 1e-4;
  // Multiplies the initial U_k and V_k of every init (docs/science.md §3: the nuclear-norm gap to the
  // convex optimum shrinks with the init scale).
  double init_scale = 1.0;
  // Decompose each matrix starting from its SVD at the previous iteration (linalg/svd/warm_svd.hpp)
  // instead of from scratch: the same result to working precision, for less work (the timings
  // are in docs/performance.md).
  bool warm_start_svd = true;
  // Threads that share the independent sigma_f evaluations of a layer; 1 runs them in the
  // caller's thread, and so do matrices smaller than 16 x 16. Results do not depend on it.
  int threads = 1;
  // Read by make_model, which builds an Snn or a FactoredSnn (models/factored_snn.hpp) from these
  // options; automatic picks factored when d1 r < min(n1, n2).
  Representation representation = Representation::automatic;

  // Throws InputError naming the offending option.
  void validate(Index n1, Index n2, bool has_spectral_basis) const;
};

class Snn : public Model {
 public:
  // `basis` is required for spectral initialisation (a well-specified problem).
  Snn(Index n1, Index n2, SnnOptions options, std::optional<SpectralBasis> basis = std::nullopt);

  std::string name() const override { return options_.use_activation ? "snn" : "woa"; }
  Index rows() const override { return n1_; }
  Index cols() const override { return n2_; }
  Index parameter_count() const override { return parameter_count_; }
  Vector initial_parameters(Rng& rng) const override;

  std::unique_ptr<Tape> make_tape() const override;
  Matrix forward(const Vector& params, Tape& tape) const override;
  Vector backward(const Vector& params, Tape& tape, const Matrix& G) const override;
  void save_tape(const Tape& tape, StateWriter& out) const override;
  void restore_tape(Tape& tape, StateReader& in) const override;
  MemoryEstimate working_memory() const override;
  // The network's tape when its matrices are rows x cols: each layer's inputs and outputs, their
  // decompositions (with the warm start's previous ones and sigma_f's workspace) and the backward
  // pass's gradients of one layer. Shared with FactoredSnn, whose matrices are the R1 x R2 cores.
  MemoryEstimate network_memory(Index rows, Index cols) const;

  const SnnOptions& options() const { return options_; }
  // The warm-start counters of all the tape's decompositions, summed (benchmarks, tests).
  WarmSvdCounters svd_counters(const Tape& tape) const;
  Index rank() const { return rank_; }
  // The network's shape, shared with FactoredSnn (the same parameters in the same layout).
  std::size_t depth() const { return options_.layers.size(); }  // L
  Index width(Index layer) const { return widths_[layer]; }      // d_{layer+1}, with d_{L+1} = 1
  // Offsets into the flat parameter vector: all U_k, then all V_k, then alpha^(1..L) column-major.
  Index u_offset(Index k) const { return k * n1_ * rank_; }
  Index v_offset(Index k) const { return widths_[0] * n1_ * rank_ + k * n2_ * rank_; }
  Index alpha_offset(Index layer) const { return alpha_offsets_[layer]; }

 private:
  struct SnnTape;

  Index n1_, n2_, rank_;
  SnnOptions options_;
  std::optional<SpectralBasis> basis_;
  SpectralActivation sigma_;
  std::vector<Index> widths_;  // d_1..d_L, 1
  std::vector<Index> alpha_offsets_;
  Index parameter_count_;
};

}  // namespace snnsense
