#include "snnsense/training/trainer_state.hpp"

namespace snnsense {

void TrainerState::save(const IterationState& at, StateWriter& out) const {
  out.put_index(at.iteration);
  out.put_double(at.elapsed_seconds);
  out.put_double(at.initial_loss);
  out.put_vector(params);
  out.put_double(current.loss);
  out.put_vector(current.gradient);
  save_estimate(current.estimate.get(), out);
  optimizer.save(out);
  StateWriter tape_state;
  model.save_tape(tape, tape_state);
  out.put_string(tape_state.bytes());
  // Each callback's state on its own, so that a callback reading more or less than it wrote is
  // caught at its own boundary.
  out.put_index(static_cast<Index>(callbacks.size()));
  for (const Callback* c : callbacks) {
    StateWriter part;
    c->save_state(part);
    out.put_string(part.bytes());
  }
}

TrainerState::Restored TrainerState::restore(StateReader& in, Index iterations) {
  Restored r;
  r.iteration = in.get_index();
  if (r.iteration >= iterations)
    in.fail("iteration " + std::to_string(r.iteration) + " of a run of " + std::to_string(iterations));
  r.elapsed_seconds = in.get_double();
  r.initial_loss = in.get_double();
  params = in.get_vector();
  if (params.size() != model.parameter_count())
    in.fail(std::to_string(params.size()) + " parameters for a model of " + std::to_string(model.parameter_count()));
  current.loss = in.get_double();
  current.gradient = in.get_vector();
  if (current.gradient.size() != params.size()) in.fail("a gradient of another length than the parameters");
  current.estimate = restore_estimate(in);
  if (!current.estimate || current.estimate->rows() != model.rows() || current.estimate->cols() != model.cols())
    in.fail("an estimate of another shape than the model's");
  current.finite = true;
  optimizer.restore(in, params.size());
  const std::string tape_state = in.get_string();
  StateReader tape_in(tape_state, in.source());
  model.restore_tape(tape, tape_in);
  tape_in.expect_end();
  if (in.get_index() != static_cast<Index>(callbacks.size())) in.fail("another set of callbacks");
  for (Callback* c : callbacks) {
    const std::string part = in.get_string();
    StateReader part_in(part, in.source());
    c->restore_state(part_in);
    part_in.expect_end();
  }
  return r;
}

}  // namespace snnsense
