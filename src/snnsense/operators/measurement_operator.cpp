#include "snnsense/operators/measurement_operator.hpp"

#include <array>
#include <numeric>
#include <string_view>
#include <vector>

#include "snnsense/core/error.hpp"
#include "snnsense/operators/argument_checks.hpp"

namespace snnsense {

namespace {

// Indexed by OperatorKind, so the enum and its names cannot drift apart.
constexpr std::array<std::string_view, 4> kKindNames{"dense", "spectral", "completion", "rank-one"};

std::string accepted_kinds() {
  std::string list;
  for (std::size_t k = 0; k < kKindNames.size(); ++k) {
    if (k > 0) list += k + 1 == kKindNames.size() ? " or " : ", ";
    list += kKindNames[k];
  }
  return list;
}

}  // namespace

std::string to_string(OperatorKind kind) { return std::string(kKindNames[static_cast<std::size_t>(kind)]); }

OperatorKind operator_kind_from_string(const std::string& name) {
  for (std::size_t k = 0; k < kKindNames.size(); ++k)
    if (kKindNames[k] == name) return static_cast<OperatorKind>(k);
  throw InputError("unknown operator '" + name + "' (expected " + accepted_kinds() + ")");
}

void MeasurementOperator::residual_and_adjoint(const Matrix& X, const Vector& y, Vector& r, Matrix& G,
                                               ParallelFor* /*pool*/) const {
  check_residual_argument(*this, y);
  r = apply(X) - y;
  G = adjoint(r);
}

RowMatrix MeasurementOperator::dense() const {
  // A*(e_i) = A_i, so the adjoint of each unit vector is one row of the expansion.
  const Index m = measurements(), n1 = rows(), n2 = cols();
  RowMatrix expansion(m, n1 * n2);
  for (Index i = 0; i < m; ++i) {
    const RowMatrix component = adjoint(Vector::Unit(m, i));
    expansion.row(i) = Eigen::Map<const Eigen::RowVectorXd>(component.data(), n1 * n2);
  }
  return expansion;
}

OperatorPtr MeasurementOperator::slice(Index begin, Index end) const {
  if (begin < 0 || begin > end || end > measurements())
    throw InputError("slice [" + std::to_string(begin) + ", " + std::to_string(end) + ") outside [0, " +
                     std::to_string(measurements()) + ")");
  std::vector<Index> indices(static_cast<std::size_t>(end - begin));
  std::iota(indices.begin(), indices.end(), begin);
  return subset(indices);
}

}  // namespace snnsense
