#pragma once
// What a warm-started decomposition starts from, and the dgesdd path it falls back to.
#include "snnsense/linalg/svd/warm_svd.hpp"

namespace snnsense::svd_detail {

// The singular vectors on Q's long side (U for tall Q, V for wide Q: what A's columns become)
// and on its short side (what the rotated basis W becomes).
struct Factors {
  Matrix& tall;
  Matrix& square;
};

Factors factors(const Matrix& Q, ThinSvd& svd);

// The decomposition by dgesdd, which seeds the next call.
void cold_start(const Matrix& Q, ThinSvd& svd, WarmSvdState& state);

// Whether `svd` can seed the decomposition of Q; counts down the calls `state` skips.
bool warm_start_possible(const Matrix& Q, const ThinSvd& svd, WarmSvdState& state, const WarmSvdOptions& options);

// state.a = op(Q) W with W = state.w, the previous singular vectors on the short side (V for
// tall Q, U for wide Q), so that A has k columns to orthogonalise.
void warm_start(const Matrix& Q, const ThinSvd& svd, WarmSvdState& state, const WarmSvdOptions& options);

}  // namespace snnsense::svd_detail
