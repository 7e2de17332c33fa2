#pragma once
// How a factor model (the SNN, Burer-Monteiro) is computed: densely on n1 x n2 matrices, or
// through its factors, at a cost that grows with n1 + n2 and the measurements instead of n1 n2.
// The same function and gradient either way; what differs is the cost and the run directory
// (X_left.npy / X_right.npy instead of X.npy alone).
#include <algorithm>
#include <array>

#include "snnsense/core/enum_names.hpp"
#include "snnsense/core/types.hpp"

namespace snnsense {

enum class Representation { automatic, dense, factored };

template <>
struct EnumNames<Representation> {
  static constexpr std::array<std::pair<Representation, std::string_view>, 3> table{
      {{Representation::automatic, "auto"}, {Representation::dense, "dense"}, {Representation::factored, "factored"}}};
};

// Factored for `factored`, dense for `dense`; `automatic` picks factored when the factored form's
// width (d1 r for the SNN's cores, r for U V^T) is below min(n1, n2), where it is the smaller.
inline bool computes_factored(Representation representation, Index factored_width, Index n1, Index n2) {
  switch (representation) {
    case Representation::dense:
      return false;
    case Representation::factored:
      return true;
    case Representation::automatic:
      break;
  }
  return factored_width > 0 && factored_width < std::min(n1, n2);
}

}  // namespace snnsense
