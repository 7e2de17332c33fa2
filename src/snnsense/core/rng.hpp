#pragma once
// Seeded randomness with our own uniform and normal transforms: std::normal_distribution is
// implementation-defined, and "same seed, same bytes" must not depend on the standard library.
#include <cstdint>
#include <random>

#include "snnsense/core/types.hpp"

namespace snnsense {

class Rng {
 public:
  explicit Rng(std::uint64_t seed) : engine_(seed) {}

  double uniform();        // U[0, 1), 53 random bits
  double normal();         // N(0, 1), Box-Muller
  std::uint64_t below(std::uint64_t bound);  // uniform integer in [0, bound)

  Matrix uniform_matrix(Index rows, Index cols);
  Matrix normal_matrix(Index rows, Index cols);
  // Haar-distributed orthogonal matrix (QR of a Gaussian matrix with the sign of R's diagonal fixed).
  Matrix orthogonal(Index n);

  // A child generator for an independent stream, so adding draws in one place does not shift another.
  Rng split();

 private:
  std::mt19937_64 engine_;
  bool has_spare_ = false;
  double spare_ = 0.0;
};

}  // namespace snnsense
