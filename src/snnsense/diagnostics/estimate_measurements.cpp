#include "snnsense/diagnostics/estimate_measurements.hpp"

#include "snnsense/core/error.hpp"

namespace snnsense {

Vector measure(const MeasurementOperator& op, const Estimate& X) {
  if (const Matrix* dense = X.dense_form()) return op.apply(*dense);
  if (const FactoredForm* factored = X.factored_form()) return op.apply_factored(factored->left, factored->Q);
  throw InputError("an estimate that is neither dense nor factored cannot be measured");
}

}  // namespace snnsense
