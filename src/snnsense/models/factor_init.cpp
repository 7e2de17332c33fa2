#include "snnsense/models/factor_init.hpp"

#include <stdexcept>

#include "snnsense/core/error.hpp"

namespace snnsense {

std::string to_string(FactorInit init) {
  switch (init) {
    case FactorInit::gaussian: return "gaussian";
    case FactorInit::identity: return "identity";
  }
  return "unknown";
}

FactorInit factor_init_from_string(const std::string& name) {
  if (name == "gaussian") return FactorInit::gaussian;
  if (name == "identity") return FactorInit::identity;
  throw InputError("unknown init '" + name + "' (expected gaussian or identity)");
}

Matrix initial_factor(FactorInit init, Index rows, Index cols, double scale, Rng& rng) {
  switch (init) {
    case FactorInit::gaussian: return scale * rng.normal_matrix(rows, cols);
    case FactorInit::identity: return scale * Matrix::Identity(rows, cols);
  }
  throw std::logic_error("initial_factor: unhandled FactorInit");
}

}  // namespace snnsense
