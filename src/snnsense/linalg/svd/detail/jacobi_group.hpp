#pragma once
// Jacobi on a group of up to kSvdLanes matrices of one shape, one per lane (or one per two lanes):
// sweeps until every lane has converged or failed, then each member's result.
#include <span>

#include "snnsense/linalg/svd/warm_svd.hpp"

namespace snnsense::svd_detail {

// Decomposes Q[m] into svd[m] for the m in `members` (up to kSvdLanes indices of matrices of one
// shape whose warm start, state[m].a and state[m].w, is ready): by Jacobi where it converges, by
// dgesdd where it does not, which also makes the next calls of that matrix skip the warm start.
void decompose_group(std::span<const Index> members, std::span<const Matrix* const> Q, std::span<ThinSvd* const> svd,
                     std::span<WarmSvdState* const> state, const WarmSvdOptions& options);

}  // namespace snnsense::svd_detail
