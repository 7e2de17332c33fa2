#include "snnsense/diagnostics/spectrum_metrics.hpp"

#include <cmath>
#include <utility>

#include "snnsense/linalg/svd/thin_svd.hpp"

namespace snnsense {

SpectrumMetrics spectrum_metrics(const Matrix& X) { return spectrum_from_singular_values(thin_svd(X).s); }

SpectrumMetrics spectrum_from_singular_values(Vector singular_values) {
  SpectrumMetrics m;
  m.singular_values = std::move(singular_values);
  const Vector& s = m.singular_values;
  m.nuclear_norm = s.sum();
  if (s.size() == 0 || s(0) == 0.0) return m;
  double entropy = 0.0;
  for (Index i = 0; i < s.size(); ++i) {
    const double p = s(i) / m.nuclear_norm;
    if (p > 0.0) entropy -= p * std::log(p);
  }
  m.effective_rank = std::exp(entropy);
  m.rank = numerical_rank(s);
  return m;
}

Index numerical_rank(const Vector& singular_values, double relative_tolerance) {
  if (singular_values.size() == 0) return 0;
  return (singular_values.array() > relative_tolerance * singular_values(0)).count();
}

double nuclear_norm(const Matrix& X) { return thin_svd(X).s.sum(); }

}  // namespace snnsense
