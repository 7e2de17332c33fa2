#pragma once
// Initialisations shared by the factorised baselines (Burer-Monteiro, deep factorisation): every
// factor starts small, so GD begins near zero where its bias toward low rank is strongest.
#include <array>
#include <string>

#include "snnsense/core/enum_names.hpp"
#include "snnsense/core/rng.hpp"
#include "snnsense/core/types.hpp"

namespace snnsense {

enum class FactorInit { gaussian, identity };

template <>
struct EnumNames<FactorInit> {
  static constexpr std::array<std::pair<FactorInit, std::string_view>, 2> table{
      {{FactorInit::gaussian, "gaussian"}, {FactorInit::identity, "identity"}}};
};

// InputError for unknown names.
inline FactorInit factor_init_from_string(const std::string& name) {
  return enum_from_string<FactorInit>(name, "unknown init");
}

// scale * I (rows x cols, ones on the leading diagonal) or scale * N(0, 1) entries.
Matrix initial_factor(FactorInit init, Index rows, Index cols, double scale, Rng& rng);

}  // namespace snnsense
