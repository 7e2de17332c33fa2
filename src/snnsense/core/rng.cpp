#include "snnsense/core/rng.hpp"

#include <cmath>
#include <numbers>

namespace snnsense {

double Rng::uniform() { return static_cast<double>(engine_() >> 11) * 0x1.0p-53; }

double Rng::normal() {
  if (has_spare_) {
    has_spare_ = false;
    return spare_;
  }
  double u1 = uniform();
  while (u1 <= 0.0) u1 = uniform();
  const double u2 = uniform();
  const double radius = std::sqrt(-2.0 * std::log(u1));
  const double angle = 2.0 * std::numbers::pi * u2;
  spare_ = radius * std::sin(angle);
  has_spare_ = true;
  return radius * std::cos(angle);
}

std::uint64_t Rng::below(std::uint64_t bound) {
  // Rejection sampling avoids the modulo bias of engine_() % bound.
  const std::uint64_t limit = std::numeric_limits<std::uint64_t>::max() - std::numeric_limits<std::uint64_t>::max() % bound;
  std::uint64_t draw = engine_();
  while (draw >= limit) draw = engine_();
  return draw % bound;
}

Matrix Rng::uniform_matrix(Index rows, Index cols) {
  Matrix m(rows, cols);
  for (Index i = 0; i < rows; ++i)
    for (Index j = 0; j < cols; ++j) m(i, j) = uniform();
  return m;
}

Matrix Rng::normal_matrix(Index rows, Index cols) {
  Matrix m(rows, cols);
  for (Index i = 0; i < rows; ++i)
    for (Index j = 0; j < cols; ++j) m(i, j) = normal();
  return m;
}

Matrix Rng::orthogonal(Index n) {
  Eigen::HouseholderQR<Matrix> qr(normal_matrix(n, n));
  Matrix q = qr.householderQ();
  const Matrix& r = qr.matrixQR();
  for (Index j = 0; j < n; ++j)
    if (r(j, j) < 0) q.col(j) = -q.col(j);
  return q;
}

Rng Rng::split() { return Rng(engine_()); }

}  // namespace snnsense
