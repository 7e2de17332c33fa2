#include "snnsense/models/factor_init.hpp"

#include <stdexcept>

#include "snnsense/core/error.hpp"

namespace snnsense {

Matrix initial_factor(FactorInit init, Index rows, Index cols, double scale, Rng& rng) {
  switch (init) {
    case FactorInit::gaussian: return scale * rng.normal_matrix(rows, cols);
    case FactorInit::identity: return scale * Matrix::Identity(rows, cols);
  }
  throw std::logic_error("initial_factor: unhandled FactorInit");
}

}  // namespace snnsense
