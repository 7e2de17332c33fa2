#include "snnsense/linalg/svd/warm_svd.hpp"

#include <stdexcept>
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

}  // namespace snnsense
