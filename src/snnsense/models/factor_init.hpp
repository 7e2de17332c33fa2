#pragma once
// Initialisations shared by the factorised baselines (Burer-Monteiro, deep factorisation): every
// factor starts small, so GD begins near zero where its bias toward low rank is strongest.
#include <string>

#include "snnsense/core/rng.hpp"
#include "snnsense/core/types.hpp"

namespace snnsense {

enum class FactorInit { gaussian, identity };

std::string to_string(FactorInit init);
FactorInit factor_init_from_string(const std::string& name);  // InputError for unknown names

// scale * I (rows x cols, ones on the leading diagonal) or scale * N(0, 1) entries.
Matrix initial_factor(FactorInit init, Index rows, Index cols, double scale, Rng& rng);

}  // namespace snnsense
