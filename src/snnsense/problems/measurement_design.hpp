#pragma once
// The four ways `generate` draws measurement matrices (paper §4 and §6). A design is how A is drawn;
// the OperatorKind it produces is how A is stored (a gaussian design gives a dense operator).
#include <array>
#include <string>

#include "snnsense/core/enum_names.hpp"
#include "snnsense/core/rng.hpp"
#include "snnsense/operators/measurement_operator.hpp"

namespace snnsense {

enum class Design { gaussian, spectral, completion, rank_one };

template <>
struct EnumNames<Design> {
  static constexpr std::array<std::pair<Design, std::string_view>, 4> table{{{Design::gaussian, "gaussian"},
                                                                             {Design::spectral, "spectral"},
                                                                             {Design::completion, "completion"},
                                                                             {Design::rank_one, "rank-one"}}};
};

// Throws InputError naming --operator and the accepted designs.
inline Design design_from_string(const std::string& name) {
  return enum_from_string<Design>(name, "--operator: unknown operator");
}

// How many doubles the drawn operator stores, to refuse requests that cannot fit in memory before
// allocating them. Floating point, because the exact product may not fit an Index.
double stored_entries(Design design, Index n1, Index n2, Index count);

// `count` measurements of matrices shaped like x_true. gaussian: entries scale * N(0,1).
// spectral: Phi, Psi the thin singular vectors of x_true (well-specified), each row of coefficients
// scale * N(0,1) sorted descending. completion: `count` distinct entries, uniformly. rank-one: a_i, b_i
// with sqrt(scale) * N(0,1) entries, so a_i b_i^T has entries of the same size as the gaussian design's.
OperatorPtr draw_operator(Design design, const Matrix& x_true, Index count, double scale, Rng& rng);

}  // namespace snnsense
