#include "snnsense/models/model.hpp"

namespace snnsense {

Matrix Model::value(const Vector& params) const {
  auto tape = make_tape();
  return forward(params, *tape);
}

Vector Model::vjp(const Vector& params, const Matrix& G) const {
  auto tape = make_tape();
  forward(params, *tape);
  return backward(params, *tape, G);
}

}  // namespace snnsense
