#include "snnsense/models/model.hpp"

namespace snnsense {

MemoryEstimate Model::working_memory() const {
  const double entries = static_cast<double>(rows()) * static_cast<double>(cols());
  MemoryEstimate memory;
  memory.add_doubles("X", entries)
      .add_doubles("dense loss gradient", entries)
      .add_doubles("parameter gradient", static_cast<double>(parameter_count()));
  return memory;
}

Matrix Model::value(const Vector& params) const {
  auto tape = make_tape();
  return forward(params, *tape);
}

Vector Model::vjp(const Vector& params, const Matrix& G) const {
  auto tape = make_tape();
  forward(params, *tape);
  return backward(params, *tape, G);
}

std::unique_ptr<Estimate> Model::estimate(const Vector& params, Tape& tape) const {
  return std::make_unique<DenseEstimate>(forward(params, tape));
}

Vector Model::pullback(const Vector& params, Tape& tape, const LossGradient& G) const {
  return backward(params, tape, G.dense());
}

}  // namespace snnsense
