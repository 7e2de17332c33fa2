#include "snnsense/diagnostics/spectrum_metrics.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "snnsense/linalg/svd/thin_svd.hpp"

namespace snnsense {

SpectrumMetrics spectrum_metrics(const Matrix& X) {
  SpectrumMetrics m;
  m.singular_values = thin_svd(X).s;
  const Vector& s = m.singular_values;
  m.nuclear_norm = s.sum();
  if (s.size() == 0 || s(0) == 0.0) return m;
  double entropy = 0.0;
  for (Index i = 0; i < s.size(); ++i) {
    const double p = s(i) / m.nuclear_norm;
    if (p > 0.0) entropy -= p * std::log(p);
  }
  m.effective_rank = std::exp(entropy);
  const double tol = static_cast<double>(std::max(X.rows(), X.cols())) * std::numeric_limits<double>::epsilon() * s(0);
  m.rank = (s.array() > tol).count();
  return m;
}

double nuclear_norm(const Matrix& X) { return thin_svd(X).s.sum(); }

}  // namespace snnsense
