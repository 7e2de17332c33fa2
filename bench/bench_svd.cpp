// Which SVD backs the spectral activation: LAPACK's dgesdd against Eigen's JacobiSVD and BDCSVD
// and against our warm-started Jacobi (linalg/svd/warm_svd.hpp, groups of kSvdLanes matrices: read the
// per_matrix column); sigma_f forward + backward with either; and, for the products around
// them, Eigen, OpenBLAS's dgemm and our small-matrix kernel (blas::gemm takes the kernel up to
// the size where it stops winning, small_gemm_applies). Sizes are those the paper and users
// meet (n = 10 synthetic, 28 images, 64 to 256 larger problems).
// Run: OPENBLAS_NUM_THREADS=1 build/bench/bench_svd
#include <benchmark/benchmark.h>

#include "snnsense/core/rng.hpp"
#include "snnsense/linalg/blas.hpp"
#include "snnsense/linalg/small_gemm.hpp"
#include "snnsense/linalg/spectral_activation.hpp"
#include "snnsense/linalg/svd/thin_svd.hpp"
#include "snnsense/linalg/svd/warm_svd.hpp"

using namespace snnsense;

namespace {

// What a warm start sees during training: each matrix a small step (1e-4 relative, about a
// gradient step of the Fig-3 run) from the one before. The path runs forth and back so that
// every call, including the wrap-around, is one step from the previous.
std::vector<Matrix> training_path(Index n, std::uint64_t seed, int length = 32) {
  Rng rng(seed);
  std::vector<Matrix> path{rng.normal_matrix(n, n)};
  for (int t = 1; t < length; ++t)
    path.push_back(path.back() + 1e-4 * path.back().norm() / static_cast<double>(n) * rng.normal_matrix(n, n));
  for (int t = length - 2; t > 0; --t) path.push_back(path[static_cast<std::size_t>(t)]);
  return path;
}

// kSvdLanes matrices, each along its own path, as a layer of an SNN holds them.
std::vector<std::vector<Matrix>> layer_paths(Index n) {
  std::vector<std::vector<Matrix>> paths;
  for (Index m = 0; m < kSvdLanes; ++m) paths.push_back(training_path(n, static_cast<std::uint64_t>(m + 1)));
  return paths;
}

// Time per matrix rather than per group, so that the rows compare with one dgesdd each.
void per_matrix(benchmark::State& state, Index matrices = kSvdLanes) {
  state.counters["per_matrix"] = benchmark::Counter(static_cast<double>(matrices),
                                                    benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
}

void report_warm_counters(benchmark::State& state, const WarmSvdCounters& c) {
  const double calls = static_cast<double>(c.warm_calls + c.cold_calls);
  state.counters["sweeps_per_warm_call"] = static_cast<double>(c.sweeps) / std::max<double>(1, c.warm_calls);
  state.counters["cold_fraction"] = static_cast<double>(c.cold_calls) / std::max(1.0, calls);
}

}  // namespace

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

// The warm path forced at every size (max_warm_size lifted) to show where it stops paying, with
// range(1) matrices per call: 4 fill a group (one matrix per lane), 2 make a split group (each
// column's halves in two lanes), what a thread gets in a layer of four matrices on two threads.
static void BM_WarmJacobi(benchmark::State& state) {
  const auto paths = layer_paths(state.range(0));
  const Index count = state.range(1);
  std::vector<ThinSvd> out(count);
  std::vector<WarmSvdState> warm(count);
  std::vector<const Matrix*> q(count);
  std::vector<ThinSvd*> svd;
  std::vector<WarmSvdState*> states;
  for (Index m = 0; m < count; ++m) {
    svd.push_back(&out[m]);
    states.push_back(&warm[m]);
  }
  WarmSvdOptions options;
  options.max_warm_size = state.range(0);
  std::size_t t = paths[0].size() - 1;
  auto step = [&] {
    for (Index m = 0; m < count; ++m) q[m] = &paths[m][t];
    warm_thin_svd(q, svd, states, options);
    t = (t + 1) % paths[0].size();
  };
  step();  // the cold start, not counted
  for (WarmSvdState& w : warm) w.counters = {};
  for (auto _ : state) {
    step();
    benchmark::DoNotOptimize(out[0].s.data());
  }
  WarmSvdCounters total;
  for (const WarmSvdState& w : warm) total += w.counters;
  report_warm_counters(state, total);
  per_matrix(state, count);
}

// sigma_f forward + backward of a group of kSvdLanes matrices, with dgesdd or warm starts.
static void BM_SpectralActivationForwardBackward(benchmark::State& state) {
  const auto paths = layer_paths(state.range(0));
  Rng rng(2);
  const Matrix G = rng.normal_matrix(state.range(0), state.range(0));
  const SpectralActivation sigma(Activation(), state.range(1) ? SvdMethod::warm : SvdMethod::lapack);
  std::vector<SpectralActivationCache> cache(kSvdLanes);
  std::vector<Matrix> Q(kSvdLanes), out(kSvdLanes), dQ(kSvdLanes);
  std::size_t t = 0;
  for (auto _ : state) {
    for (Index m = 0; m < kSvdLanes; ++m) Q[m] = paths[m][t];
    sigma.forward(Q, cache, out);
    for (Index m = 0; m < kSvdLanes; ++m) sigma.backward(cache[m], G, dQ[m]);
    benchmark::DoNotOptimize(dQ[0].data());
    t = (t + 1) % paths[0].size();
  }
  if (state.range(1)) {
    WarmSvdCounters total;
    for (const SpectralActivationCache& c : cache) total += c.warm.counters;
    report_warm_counters(state, total);
  }
  per_matrix(state);
}

static void BM_GemmEigen(benchmark::State& state) {
  Rng rng(3);
  const Matrix A = rng.normal_matrix(state.range(0), state.range(0)), B = rng.normal_matrix(state.range(0), state.range(0));
  Matrix C(state.range(0), state.range(0));
  for (auto _ : state) {
    C.noalias() = A * B;
    benchmark::DoNotOptimize(C.data());
  }
}

extern "C" void dgemm_(const char* transa, const char* transb, const int* m, const int* n, const int* k,
                       const double* alpha, const double* a, const int* lda, const double* b, const int* ldb,
                       const double* beta, double* c, const int* ldc);

static void BM_GemmOpenBlas(benchmark::State& state) {
  Rng rng(3);
  const int n = static_cast<int>(state.range(0));
  const Matrix A = rng.normal_matrix(n, n), B = rng.normal_matrix(n, n);
  Matrix C(n, n);
  const double one = 1.0, zero = 0.0;
  for (auto _ : state) {
    dgemm_("N", "N", &n, &n, &n, &one, A.data(), &n, B.data(), &n, &zero, C.data(), &n);
    benchmark::DoNotOptimize(C.data());
  }
}

static void BM_GemmSmall(benchmark::State& state) {
  Rng rng(3);
  const Index n = state.range(0);
  const Matrix A = rng.normal_matrix(n, n), B = rng.normal_matrix(n, n);
  Matrix C(n, n);
  for (auto _ : state) {
    blas::small_gemm(n, n, n, false, false, 1.0, A.data(), n, B.data(), n, 0.0, C.data(), n);
    benchmark::DoNotOptimize(C.data());
  }
}

#define SIZES ->Arg(10)->Arg(28)->Arg(64)->Arg(128)->Arg(192)->Arg(256)->Unit(benchmark::kMicrosecond)
BENCHMARK(BM_LapackGesdd) SIZES;
BENCHMARK(BM_EigenJacobi) SIZES;
BENCHMARK(BM_EigenBdc) SIZES;
BENCHMARK(BM_WarmJacobi)
    ->ArgsProduct({{10, 28, 64, 128, 192, 256}, {4, 2}})
    ->ArgNames({"n", "matrices"})
    ->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_SpectralActivationForwardBackward)
    ->ArgsProduct({{10, 28, 64, 128, 256}, {0, 1}})
    ->ArgNames({"n", "warm"})
    ->Unit(benchmark::kMicrosecond);
#define GEMM_SIZES ->Arg(10)->Arg(28)->Arg(32)->Arg(40)->Arg(48)->Arg(64)->Arg(128)->Unit(benchmark::kMicrosecond)
BENCHMARK(BM_GemmEigen) GEMM_SIZES;
BENCHMARK(BM_GemmOpenBlas) GEMM_SIZES;
BENCHMARK(BM_GemmSmall) GEMM_SIZES;
