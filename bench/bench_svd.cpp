// Which SVD backs the spectral activation: LAPACK's dgesdd (our choice) against Eigen's
// JacobiSVD and BDCSVD, and sigma_f forward + backward, at the sizes the paper and users meet.
// Run: build/bench/bench_svd
#include <benchmark/benchmark.h>

#include "snnsense/core/rng.hpp"
#include "snnsense/linalg/spectral_activation.hpp"
#include "snnsense/linalg/thin_svd.hpp"

using namespace snnsense;

static void BM_LapackGesdd(benchmark::State& state) {
  Rng rng(1);
  const Matrix Q = rng.normal_matrix(state.range(0), state.range(0));
  ThinSvd out;
  for (auto _ : state) {
    thin_svd(Q, out);
    benchmark::DoNotOptimize(out.s.data());
  }
}

static void BM_EigenJacobi(benchmark::State& state) {
  Rng rng(1);
  const Matrix Q = rng.normal_matrix(state.range(0), state.range(0));
  for (auto _ : state) {
    Eigen::JacobiSVD<Matrix> svd(Q, Eigen::ComputeThinU | Eigen::ComputeThinV);
    benchmark::DoNotOptimize(svd.singularValues().data());
  }
}

static void BM_EigenBdc(benchmark::State& state) {
  Rng rng(1);
  const Matrix Q = rng.normal_matrix(state.range(0), state.range(0));
  for (auto _ : state) {
    Eigen::BDCSVD<Matrix> svd(Q, Eigen::ComputeThinU | Eigen::ComputeThinV);
    benchmark::DoNotOptimize(svd.singularValues().data());
  }
}

static void BM_SpectralActivationForwardBackward(benchmark::State& state) {
  Rng rng(1);
  const Matrix Q = rng.normal_matrix(state.range(0), state.range(0));
  const Matrix G = rng.normal_matrix(state.range(0), state.range(0));
  const SpectralActivation sigma;
  SpectralActivationCache cache;
  Matrix out;
  for (auto _ : state) {
    sigma.forward(Q, cache, out);
    const Matrix dQ = sigma.backward(cache, G);
    benchmark::DoNotOptimize(dQ.data());
  }
}

#define SIZES ->Arg(10)->Arg(28)->Arg(64)->Arg(128)->Arg(256)->Unit(benchmark::kMicrosecond)
BENCHMARK(BM_LapackGesdd) SIZES;
BENCHMARK(BM_EigenJacobi) SIZES;
BENCHMARK(BM_EigenBdc) SIZES;
BENCHMARK(BM_SpectralActivationForwardBackward) SIZES;
