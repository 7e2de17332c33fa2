// apply (y = A(X)) and adjoint (A*(r)) of each measurement operator at the sizes of the
// benchmark configurations (docs/performance.md): dense Gaussian at n = 28, 64, 128 with the
// paper's m (0.6 n^2 for the image, 0.3 n^2 beyond), the well-specified operator at n = 10,
// matrix completion at n = 256 with 20% of the entries, rank-one at n = 64.
// Run: OPENBLAS_NUM_THREADS=1 build/bench/bench_operators
#include <benchmark/benchmark.h>

#include <algorithm>
#include <memory>
#include <numeric>

#include "snnsense/core/rng.hpp"
#include "snnsense/linalg/parallel_for.hpp"
#include "snnsense/operators/completion_operator.hpp"
#include "snnsense/operators/dense_operator.hpp"
#include "snnsense/operators/rank_one_operator.hpp"
#include "snnsense/operators/spectral_operator.hpp"

using namespace snnsense;

namespace {

// The paper's counts: 75 at n = 10, 470 for the 28 x 28 image; 0.3 n^2 for the larger problems.
Index gaussian_measurements(Index n) {
  if (n == 10) return 75;
  if (n == 28) return 470;
  return static_cast<Index>(0.3 * static_cast<double>(n * n));
}

OperatorPtr dense(Index n) {
  Rng rng(1);
  return std::make_shared<DenseOperator>(RowMatrix(rng.normal_matrix(gaussian_measurements(n), n * n)), n, n);
}

OperatorPtr spectral(Index n) {
  Rng rng(1);
  return std::make_shared<SpectralOperator>(rng.orthogonal(n), rng.orthogonal(n), rng.normal_matrix(75, n));
}

OperatorPtr completion(Index n) {
  Rng rng(1);
  std::vector<Index> cells(static_cast<std::size_t>(n * n));
  std::iota(cells.begin(), cells.end(), Index{0});
  for (std::size_t i = cells.size(); i > 1; --i) std::swap(cells[i - 1], cells[rng.below(i)]);
  const Index m = n * n / 5;
  IndexVector rows(m), cols(m);
  for (Index i = 0; i < m; ++i) {
    rows(i) = cells[static_cast<std::size_t>(i)] / n;
    cols(i) = cells[static_cast<std::size_t>(i)] % n;
  }
  return std::make_shared<CompletionOperator>(rows, cols, n, n);
}

OperatorPtr rank_one(Index n) {
  Rng rng(1);
  return std::make_shared<RankOneOperator>(rng.normal_matrix(gaussian_measurements(n), n),
                                           rng.normal_matrix(gaussian_measurements(n), n));
}

void run_apply(benchmark::State& state, const OperatorPtr& op) {
  Rng rng(2);
  const Matrix X = rng.normal_matrix(op->rows(), op->cols());
  for (auto _ : state) {
    Vector y = op->apply(X);
    benchmark::DoNotOptimize(y.data());
  }
  state.counters["m"] = static_cast<double>(op->measurements());
}

void run_adjoint(benchmark::State& state, const OperatorPtr& op) {
  Rng rng(2);
  const Vector r = rng.normal_matrix(op->measurements(), 1);
  for (auto _ : state) {
    Matrix X = op->adjoint(r);
    benchmark::DoNotOptimize(X.data());
  }
  state.counters["m"] = static_cast<double>(op->measurements());
}

// The loss gradient's two products at once (residual_and_adjoint), on range(1) threads.
void run_residual_and_adjoint(benchmark::State& state, const OperatorPtr& op) {
  Rng rng(2);
  const Matrix X = rng.normal_matrix(op->rows(), op->cols());
  const Vector y = rng.normal_matrix(op->measurements(), 1);
  const auto threads = static_cast<int>(state.range(1));
  std::unique_ptr<ParallelFor> pool = threads > 1 ? std::make_unique<ParallelFor>(threads) : nullptr;
  Vector r;
  Matrix G;
  for (auto _ : state) {
    op->residual_and_adjoint(X, y, r, G, pool.get());
    benchmark::DoNotOptimize(G.data());
  }
  state.counters["m"] = static_cast<double>(op->measurements());
}

}  // namespace

static void BM_DenseResidualAdjoint(benchmark::State& s) { run_residual_and_adjoint(s, dense(s.range(0))); }
static void BM_CompletionResidualAdjoint(benchmark::State& s) { run_residual_and_adjoint(s, completion(s.range(0))); }
static void BM_DenseApply(benchmark::State& s) { run_apply(s, dense(s.range(0))); }
static void BM_DenseAdjoint(benchmark::State& s) { run_adjoint(s, dense(s.range(0))); }
static void BM_SpectralApply(benchmark::State& s) { run_apply(s, spectral(s.range(0))); }
static void BM_SpectralAdjoint(benchmark::State& s) { run_adjoint(s, spectral(s.range(0))); }
static void BM_CompletionApply(benchmark::State& s) { run_apply(s, completion(s.range(0))); }
static void BM_CompletionAdjoint(benchmark::State& s) { run_adjoint(s, completion(s.range(0))); }
static void BM_RankOneApply(benchmark::State& s) { run_apply(s, rank_one(s.range(0))); }
static void BM_RankOneAdjoint(benchmark::State& s) { run_adjoint(s, rank_one(s.range(0))); }

BENCHMARK(BM_DenseApply)->Arg(10)->Arg(28)->Arg(64)->Arg(128)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_DenseAdjoint)->Arg(10)->Arg(28)->Arg(64)->Arg(128)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_DenseResidualAdjoint)
    ->ArgsProduct({{10, 28, 64, 128}, {1, 2}})
    ->UseRealTime()
    ->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_CompletionResidualAdjoint)->ArgsProduct({{256}, {1, 2}})->UseRealTime()->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_SpectralApply)->Arg(10)->Arg(64)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_SpectralAdjoint)->Arg(10)->Arg(64)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_CompletionApply)->Arg(256)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_CompletionAdjoint)->Arg(256)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_RankOneApply)->Arg(64)->Arg(128)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_RankOneAdjoint)->Arg(64)->Arg(128)->Unit(benchmark::kMicrosecond);
