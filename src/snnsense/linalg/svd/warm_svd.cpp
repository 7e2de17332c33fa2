#include "snnsense/linalg/svd/warm_svd.hpp"

#include <limits>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "snnsense/core/error.hpp"
#include "snnsense/linalg/svd/detail/jacobi_group.hpp"
#include "snnsense/linalg/svd/detail/warm_start.hpp"

namespace snnsense {

void warm_thin_svd(std::span<const Matrix* const> Q, std::span<ThinSvd* const> svd, std::span<WarmSvdState* const> state,
                   const WarmSvdOptions& options) {
  if (svd.size() != Q.size() || state.size() != Q.size())
    throw std::invalid_argument("warm_thin_svd: Q, svd and state differ in length");
  for (const Matrix* q : Q)
    // x * 0 is NaN exactly for infinite and NaN x: one vectorised sum instead of Eigen's
    // element-by-element allFinite.
    if (!((q->array() * 0.0).sum() == 0.0)) throw NumericalError("warm_thin_svd: matrix has non-finite entries");
  std::vector<Index> pending;
  for (std::size_t i = 0; i < Q.size(); ++i) {
    if (svd_detail::warm_start_possible(*Q[i], *svd[i], *state[i], options)) {
      svd_detail::warm_start(*Q[i], *svd[i], *state[i], options);
      pending.push_back(static_cast<Index>(i));
    } else {
      svd_detail::cold_start(*Q[i], *svd[i], *state[i]);
    }
  }
  // Groups of one shape, in order.
  while (!pending.empty()) {
    const Index first = pending.front();
    std::vector<Index> members, rest;
    for (Index i : pending) {
      const bool same = Q[i]->rows() == Q[first]->rows() && Q[i]->cols() == Q[first]->cols();
      (same && members.size() < static_cast<std::size_t>(kSvdLanes) ? members : rest).push_back(i);
    }
    svd_detail::decompose_group(members, Q, svd, state, options);
    pending = std::move(rest);
  }
}

void warm_thin_svd(const Matrix& Q, ThinSvd& svd, WarmSvdState& state, const WarmSvdOptions& options) {
  const Matrix* q = &Q;
  ThinSvd* s = &svd;
  WarmSvdState* w = &state;
  warm_thin_svd(std::span<const Matrix* const>(&q, 1), std::span<ThinSvd* const>(&s, 1),
                std::span<WarmSvdState* const>(&w, 1), options);
}

void save_warm_svd(const ThinSvd& svd, const WarmSvdState& state, StateWriter& out) {
  out.put_matrix(svd.U);
  out.put_vector(svd.s);
  out.put_matrix(svd.V);
  out.put_bool(state.has_previous);
  for (long count : {long{state.calls_since_reorthogonalization}, long{state.failures_in_a_row},
                     long{state.calls_to_skip}, state.counters.warm_calls, state.counters.cold_calls,
                     state.counters.sweeps, state.counters.reorthogonalizations})
    out.put_index(count);
}

void restore_warm_svd(ThinSvd& svd, WarmSvdState& state, StateReader& in) {
  svd.U = in.get_matrix();
  svd.s = in.get_vector();
  svd.V = in.get_matrix();
  const Index k = svd.s.size();
  if (svd.U.cols() != k || svd.V.cols() != k) in.fail("a decomposition of inconsistent shape");
  state.has_previous = in.get_bool();
  auto count = [&in] {
    const Index value = in.get_index();
    if (value > std::numeric_limits<int>::max()) in.fail("a count of " + std::to_string(value));
    return static_cast<int>(value);
  };
  state.calls_since_reorthogonalization = count();
  state.failures_in_a_row = count();
  state.calls_to_skip = count();
  state.counters.warm_calls = in.get_index();
  state.counters.cold_calls = in.get_index();
  state.counters.sweeps = in.get_index();
  state.counters.reorthogonalizations = in.get_index();
}

}  // namespace snnsense
