#pragma once
// sigma_f(Q) = U diag(f(s)) V^T and its exact backward pass (paper.md §2). The backward pass
// reuses the forward SVD and stays finite and accurate when singular values coincide (for
// instance at identity initialisation), where autograd through an SVD returns NaN.
#include "snnsense/linalg/activation.hpp"
#include "snnsense/linalg/thin_svd.hpp"

namespace snnsense {

// What the backward pass needs from the forward pass; reused across iterations.
struct SpectralActivationCache {
  ThinSvd svd;
  Vector f_of_s;
};

class SpectralActivation {
 public:
  explicit SpectralActivation(Activation f = Activation()) : f_(f) {}

  const Activation& function() const { return f_; }

  // Writes sigma_f(Q) into `out` and fills `cache`.
  void forward(const Matrix& Q, SpectralActivationCache& cache, Matrix& out) const;
  Matrix forward(const Matrix& Q, SpectralActivationCache& cache) const;

  // Given G = dLoss/dsigma_f(Q), returns dLoss/dQ.
  Matrix backward(const SpectralActivationCache& cache, const Matrix& G) const;

 private:
  Activation f_;
};

}  // namespace snnsense
