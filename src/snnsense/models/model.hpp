#pragma once
// One interface for every parametrisation X = model(theta): the SNN, its linear twin WOA and the
// baselines. Parameters are one flat vector so that optimisers, step-size search, checkpoints
// and finite-difference checks are written once.
#include <memory>
#include <string>

#include "snnsense/core/memory_estimate.hpp"
#include "snnsense/core/rng.hpp"
#include "snnsense/core/state_stream.hpp"
#include "snnsense/core/types.hpp"
#include "snnsense/linalg/parallel_for.hpp"
#include "snnsense/models/estimate.hpp"
#include "snnsense/models/loss_gradient.hpp"

namespace snnsense {

class Model {
 public:
  // Whatever the backward pass needs from the forward pass (SVDs, layer outputs). A tape is
  // reused across iterations so its buffers are allocated once.
  struct Tape {
    virtual ~Tape() = default;
    // The threads of one evaluation, for the model and for the loss around it (the trainer
    // hands them to the measurement operator); null for one thread.
    std::unique_ptr<ParallelFor> pool;
  };

  virtual ~Model() = default;

  virtual std::string name() const = 0;
  virtual Index rows() const = 0;
  virtual Index cols() const = 0;
  virtual Index parameter_count() const = 0;

  // Draws the initial parameters of the configured initialisation from `rng`.
  virtual Vector initial_parameters(Rng& rng) const = 0;

  virtual std::unique_ptr<Tape> make_tape() const = 0;
  // X = model(params); records in `tape` what backward() needs.
  virtual Matrix forward(const Vector& params, Tape& tape) const = 0;
  // Vector-Jacobian product: given G = dLoss/dX at the point of the last forward() on `tape`,
  // returns dLoss/dparams.
  virtual Vector backward(const Vector& params, Tape& tape, const Matrix& G) const = 0;

  // What the trainer calls: the estimate of X at params, and the vector-Jacobian product for the
  // loss gradient in the form the operator and the estimate produced. A dense model keeps these
  // defaults (its forward() as a DenseEstimate; backward() of the dense G); a model whose
  // estimate is factored overrides both and never forms X or G.
  virtual std::unique_ptr<Estimate> estimate(const Vector& params, Tape& tape) const;
  virtual Vector pullback(const Vector& params, Tape& tape, const LossGradient& G) const;

  // What a tape carries from one evaluation to the next (the warm-started SVDs' previous
  // decompositions, the factored SNN's previous bases), for a checkpoint: restored into a fresh
  // tape, the next evaluation computes bit for bit what it would have computed had the run not
  // stopped. Tapes that carry nothing keep these defaults.
  virtual void save_tape(const Tape& /*tape*/, StateWriter& /*out*/) const {}
  virtual void restore_tape(Tape& /*tape*/, StateReader& /*in*/) const {}

  // What one evaluation (estimate() then pullback()) holds beyond the parameters themselves: the
  // tape, the estimate, the working matrices, the loss gradient in the form pullback() receives it
  // and the parameter gradient. Arithmetic on the shape only, so that a run too large for the
  // machine is refused before its first allocation. The default is a dense model whose tape keeps
  // nothing: X, the dense loss gradient and the parameter gradient (LG).
  virtual MemoryEstimate working_memory() const;

  Matrix value(const Vector& params) const;
  Vector vjp(const Vector& params, const Matrix& G) const;
};

using ModelPtr = std::shared_ptr<const Model>;

}  // namespace snnsense
