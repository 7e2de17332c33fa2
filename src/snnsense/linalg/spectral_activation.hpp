#pragma once
// sigma_f(Q) = U diag(f(s)) V^T, the spectral activation of an SNN (docs/science.md §2). Its exact
// backward pass, which reuses the forward SVD and stays finite when singular values coincide
// (where autograd through an SVD returns NaN), is spectral_backward.hpp; backward() here calls it.
#include <span>
#include <vector>

#include "snnsense/linalg/activation.hpp"
#include "snnsense/linalg/svd/thin_svd.hpp"
#include "snnsense/linalg/svd/warm_svd.hpp"

namespace snnsense {

// What the backward pass needs from the forward pass, and what the next forward pass of the
// same matrix starts from; reused across iterations, so it also holds the workspace.
struct SpectralActivationCache {
  ThinSvd svd;
  Vector f_of_s;
  WarmSvdState warm;
  Matrix scaled, gv, gb, inner;  // workspace
};

enum class SvdMethod {
  lapack,  // dgesdd at every call
  warm,    // warm_thin_svd: Jacobi from the previous call's vectors, dgesdd when that fails
};

class SpectralActivation {
 public:
  explicit SpectralActivation(Activation f = Activation(), SvdMethod method = SvdMethod::lapack)
      : f_(f), method_(method) {}

  const Activation& function() const { return f_; }
  SvdMethod svd_method() const { return method_; }

  // Writes sigma_f(Q) into `out` and fills `cache`.
  void forward(const Matrix& Q, SpectralActivationCache& cache, Matrix& out) const;
  Matrix forward(const Matrix& Q, SpectralActivationCache& cache) const;
  // The same for Q[i], cache[i], out[i]: with the warm method, up to kSvdLanes matrices of one
  // shape share their Jacobi sweeps (svd/warm_svd.hpp), for the same results as one call each.
  void forward(std::span<const Matrix> Q, std::span<SpectralActivationCache> cache, std::span<Matrix> out) const;

  // Given G = dLoss/dsigma_f(Q), writes dLoss/dQ into `dQ`, which must not alias G:
  // spectral_backward(function(), cache, G, dQ).
  void backward(SpectralActivationCache& cache, const Matrix& G, Matrix& dQ) const;
  Matrix backward(SpectralActivationCache& cache, const Matrix& G) const;

 private:
  Activation f_;
  SvdMethod method_;
};

// The decompositions a network's layers start their next evaluation from (caches[l][i]), for a
// checkpoint (save_warm_svd for each); restoring expects the layout saved, which the same model
// makes, and refuses another through `in`.
void save_warm_decompositions(const std::vector<std::vector<SpectralActivationCache>>& caches, StateWriter& out);
void restore_warm_decompositions(std::vector<std::vector<SpectralActivationCache>>& caches, StateReader& in);

}  // namespace snnsense
