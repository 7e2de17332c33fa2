#include "snnsense/linalg/svd/detail/warm_start.hpp"

#include <algorithm>

#include "snnsense/linalg/blas.hpp"

namespace snnsense::svd_detail {

Factors factors(const Matrix& Q, ThinSvd& svd) {
  const bool wide = Q.rows() < Q.cols();
  return {wide ? svd.V : svd.U, wide ? svd.U : svd.V};
}

void cold_start(const Matrix& Q, ThinSvd& svd, WarmSvdState& state) {
  thin_svd(Q, svd);
  state.has_previous = true;
  state.calls_since_reorthogonalization = 0;
  ++state.counters.cold_calls;
}

bool warm_start_possible(const Matrix& Q, const ThinSvd& svd, WarmSvdState& state, const WarmSvdOptions& options) {
  if (state.calls_to_skip > 0) {
    --state.calls_to_skip;
    return false;
  }
  const Index p = Q.rows(), q = Q.cols(), k = std::min(p, q);
  return state.has_previous && svd.U.rows() == p && svd.V.rows() == q && svd.s.size() == k && svd.U.cols() == k &&
         svd.V.cols() == k && k > 0 && k <= options.max_warm_size;
}

void warm_start(const Matrix& Q, const ThinSvd& svd, WarmSvdState& state, const WarmSvdOptions& options) {
  const bool wide = Q.rows() < Q.cols();
  const Matrix& previous = wide ? svd.U : svd.V;
  if (++state.calls_since_reorthogonalization >= options.reorthogonalize_every) {
    state.gram.resize(previous.cols(), previous.cols());
    blas::gemm(previous, blas::Op::transpose, previous, blas::Op::none, state.gram);
    state.w = 1.5 * previous;
    blas::gemm(previous, blas::Op::none, state.gram, blas::Op::none, state.w, -0.5, 1.0);
    state.calls_since_reorthogonalization = 0;
    ++state.counters.reorthogonalizations;
  } else {
    state.w = previous;
  }
  // Rotations scale columns by sqrt(c^2 + s^2), which rounds to 1 + O(eps) with a bias: left
  // alone, the norms of W would drift a little on every call.
  for (Index j = 0; j < state.w.cols(); ++j) state.w.col(j) *= 1.0 / state.w.col(j).norm();
  state.a.resize(std::max(Q.rows(), Q.cols()), state.w.cols());
  blas::gemm(Q, wide ? blas::Op::transpose : blas::Op::none, state.w, blas::Op::none, state.a);
}

}  // namespace snnsense::svd_detail
