#pragma once
// Thin SVD warm-started from the previous decomposition of the same matrix (one-sided Jacobi).
// Gradient descent moves each matrix of an SNN a little per step, so Q times its previous right
// singular vectors V_prev already has nearly orthogonal columns. One-sided Jacobi (Hestenes)
// rotates those columns until they are orthogonal to working precision, in three or four
// sweeps (the last only checks), where LAPACK's dgesdd starts from scratch every time.
//
// A sweep is a chain of short dot products, scalar rotation angles and plane rotations, each
// waiting for the one before, which alone leaves most of a core idle. So matrices of one shape are
// decomposed in groups of kSvdLanes, one per SIMD lane: every operation of the sweep acts on the
// same entry of all of them at once. A lane never reads another lane, so a matrix's result does
// not depend on which matrices share its group: bit for bit, a batch call gives what one call per
// matrix gives, whatever the grouping or the thread that runs it.
//
// The result is an SVD to working precision whichever path produced it: U and V orthonormal, s
// descending, Q = U diag(s) V^T up to a few ulps of ||Q||. The singular vectors of repeated or
// zero singular values may differ from dgesdd's by a rotation within their subspace, which
// sigma_f and its backward pass do not see.
#include <span>
#include <vector>

#include "snnsense/core/state_stream.hpp"
#include "snnsense/linalg/svd/thin_svd.hpp"

namespace snnsense {

// Matrices whose sweeps run side by side: four doubles fill an AVX2 register.
inline constexpr Index kSvdLanes = 4;

struct WarmSvdOptions {
  // Jacobi sweeps cost O(k^3) in level-1 operations, dgesdd O(k^3) mostly in level-3 ones, so
  // above some size a fresh dgesdd is faster than a group of warm starts; such matrices go to
  // dgesdd directly. The default sits below the break-even size that bench/bench_svd.cpp
  // measures (docs/performance.md).
  Index max_warm_size = 160;
  // A warm start that needs more sweeps than this is a poor one (the matrix moved far): the
  // call falls back to dgesdd, which then seeds the next call.
  int max_sweeps = 8;
  // V is a product of many rotations and loses a few ulps of orthogonality per call. Every so
  // many calls the starting basis gets one Newton-Schulz step, W <- W (3I - W^T W) / 2, which
  // squares that error (two small products instead of the dgesdd a fresh start would cost).
  int reorthogonalize_every = 10;
};

// How the calls went, for benchmarks and tests.
struct WarmSvdCounters {
  long warm_calls = 0;  // finished by Jacobi
  long cold_calls = 0;  // by dgesdd: first call or a warm start that did not converge
  long sweeps = 0;      // Jacobi sweeps, including those of attempts that fell back
  long reorthogonalizations = 0;

  WarmSvdCounters& operator+=(const WarmSvdCounters& other) {
    warm_calls += other.warm_calls;
    cold_calls += other.cold_calls;
    sweeps += other.sweeps;
    reorthogonalizations += other.reorthogonalizations;
    return *this;
  }
};

// Everything a warm-started decomposition keeps between calls, besides the previous ThinSvd.
struct WarmSvdState {
  bool has_previous = false;
  int calls_since_reorthogonalization = 0;
  // After warm starts fail (the matrix moves fast, as in the first steps from an identity
  // initialisation), the next 1, 3, 7 calls go to dgesdd directly instead of wasting sweeps.
  int failures_in_a_row = 0;
  int calls_to_skip = 0;
  WarmSvdCounters counters;
  // Workspace: the rotated columns, the rotated basis, squared column norms, the sort order and
  // its inverse, W^T W for the re-orthogonalisation.
  Matrix a, w, gram;
  Vector norms, inverse_norms;
  std::vector<Index> order, position;
};

// Overwrites `svd` with the thin SVD of Q, starting from `svd` itself when `state` says it holds
// the previous decomposition of a matrix of Q's shape, and from dgesdd otherwise. Throws
// NumericalError for non-finite input.
void warm_thin_svd(const Matrix& Q, ThinSvd& svd, WarmSvdState& state, const WarmSvdOptions& options = {});

// The same for Q[i], svd[i], state[i], i = 0..n-1, in groups of kSvdLanes: with results equal,
// bit for bit, to n single calls, in much less time than n single calls, each of which costs
// about as much as a full group.
void warm_thin_svd(std::span<const Matrix* const> Q, std::span<ThinSvd* const> svd, std::span<WarmSvdState* const> state,
                   const WarmSvdOptions& options = {});

// What the next call starts from, for a checkpoint: the previous decomposition and the state's
// counts (not its workspace, which every call writes before it reads). Restored, the next call
// computes bit for bit what it would have computed had the run not stopped; a run resumed without
// it would start the next decompositions from dgesdd and drift from the uninterrupted run by
// rounding. restore_warm_svd throws FileError (through `in`) on a malformed state.
void save_warm_svd(const ThinSvd& svd, const WarmSvdState& state, StateWriter& out);
void restore_warm_svd(ThinSvd& svd, WarmSvdState& state, StateReader& in);

}  // namespace snnsense
