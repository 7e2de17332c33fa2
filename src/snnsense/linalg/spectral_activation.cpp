#include "snnsense/linalg/spectral_activation.hpp"

#include <algorithm>
#include <array>

#include "snnsense/linalg/blas.hpp"
#include "snnsense/linalg/spectral_backward.hpp"

namespace snnsense {

using blas::Op;

void SpectralActivation::forward(std::span<const Matrix> Q, std::span<SpectralActivationCache> cache,
                                 std::span<Matrix> out) const {
  const std::size_t n = Q.size();
  if (method_ == SvdMethod::warm) {
    std::array<const Matrix*, kSvdLanes> q{};
    std::array<ThinSvd*, kSvdLanes> svd{};
    std::array<WarmSvdState*, kSvdLanes> state{};
    for (std::size_t begin = 0; begin < n; begin += kSvdLanes) {
      const std::size_t count = std::min<std::size_t>(kSvdLanes, n - begin);
      for (std::size_t i = 0; i < count; ++i) {
        q[i] = &Q[begin + i];
        svd[i] = &cache[begin + i].svd;
        state[i] = &cache[begin + i].warm;
      }
      warm_thin_svd(std::span(q.data(), count), std::span(svd.data(), count), std::span(state.data(), count));
    }
  } else {
    for (std::size_t i = 0; i < n; ++i) thin_svd(Q[i], cache[i].svd);
  }
  for (std::size_t i = 0; i < n; ++i) {
    SpectralActivationCache& c = cache[i];
    const Vector& s = c.svd.s;
    c.f_of_s.resize(s.size());
    for (Index j = 0; j < s.size(); ++j) c.f_of_s(j) = f_.value(s(j));
    c.scaled.noalias() = c.svd.U * c.f_of_s.asDiagonal();
    out[i].resize(Q[i].rows(), Q[i].cols());
    blas::gemm(c.scaled, Op::none, c.svd.V, Op::transpose, out[i]);
  }
}

void SpectralActivation::forward(const Matrix& Q, SpectralActivationCache& cache, Matrix& out) const {
  forward(std::span(&Q, 1), std::span(&cache, 1), std::span(&out, 1));
}

Matrix SpectralActivation::forward(const Matrix& Q, SpectralActivationCache& cache) const {
  Matrix out;
  forward(Q, cache, out);
  return out;
}

void SpectralActivation::backward(SpectralActivationCache& cache, const Matrix& G, Matrix& dQ) const {
  spectral_backward(f_, cache, G, dQ);
}

Matrix SpectralActivation::backward(SpectralActivationCache& cache, const Matrix& G) const {
  Matrix dQ;
  backward(cache, G, dQ);
  return dQ;
}

void save_warm_decompositions(const std::vector<std::vector<SpectralActivationCache>>& caches, StateWriter& out) {
  out.put_index(static_cast<Index>(caches.size()));
  for (const auto& layer : caches) {
    out.put_index(static_cast<Index>(layer.size()));
    for (const SpectralActivationCache& cache : layer) save_warm_svd(cache.svd, cache.warm, out);
  }
}

void restore_warm_decompositions(std::vector<std::vector<SpectralActivationCache>>& caches, StateReader& in) {
  if (in.get_index() != static_cast<Index>(caches.size())) in.fail("a network of another depth");
  for (auto& layer : caches) {
    if (in.get_index() != static_cast<Index>(layer.size())) in.fail("a layer of another width");
    for (SpectralActivationCache& cache : layer) restore_warm_svd(cache.svd, cache.warm, in);
  }
}

}  // namespace snnsense
