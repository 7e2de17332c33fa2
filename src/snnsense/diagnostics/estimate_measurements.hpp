#pragma once
// A(X) for an estimate in whichever form it has: the operator's dense apply for a dense estimate,
// its factored product (O(m R) for completion) for a factored one. The one place that pairs the
// two concepts, so that neither the operators nor the models know each other.
#include "snnsense/models/estimate.hpp"
#include "snnsense/operators/measurement_operator.hpp"

namespace snnsense {

Vector measure(const MeasurementOperator& op, const Estimate& X);

}  // namespace snnsense
