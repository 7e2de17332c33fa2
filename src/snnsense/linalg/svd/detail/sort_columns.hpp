#pragma once
// From a converged lane of a group to singular values in descending order, with the singular
// vectors of numerically zero columns completed to an orthonormal set.
#include "snnsense/linalg/svd/detail/lane_group.hpp"

namespace snnsense::svd_detail {

// Singular values of member `member` of the group (square roots of its squared column norms) in
// descending order, and where each column goes: state.order[c] is the column of rank c,
// state.position its inverse. Columns that are numerically zero (squared norm at most null2)
// have no direction of their own; then the singular vectors are completed and written here
// too, from the lane as a matrix in state.a, and the result is false: nothing left to scatter.
bool sort_columns(const Matrix& Q, ThinSvd& svd, WarmSvdState& state, const Group& g, Index rows, int member,
                  double null2);

}  // namespace snnsense::svd_detail
