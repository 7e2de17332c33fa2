#include "snnsense/linalg/svd/detail/jacobi_group.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "snnsense/linalg/svd/detail/interleave.hpp"
#include "snnsense/linalg/svd/detail/jacobi_sweep.hpp"
#include "snnsense/linalg/svd/detail/sort_columns.hpp"
#include "snnsense/linalg/svd/detail/warm_start.hpp"

namespace snnsense::svd_detail {

namespace {

thread_local Group group;

}  // namespace

void decompose_group(std::span<const Index> members, std::span<const Matrix* const> Q, std::span<ThinSvd* const> svd,
                     std::span<WarmSvdState* const> state, const WarmSvdOptions& options) {
  const Index rows = std::max(Q[members[0]]->rows(), Q[members[0]]->cols());
  const Index k = std::min(Q[members[0]]->rows(), Q[members[0]]->cols());
  group.layout = members.size() <= 2 ? Layout::split : Layout::standard;
  group.a.resize(static_cast<std::size_t>((rows + 1) * k));
  group.w.resize(static_cast<std::size_t>((k + 1) * k));
  group.d.resize(static_cast<std::size_t>(k));
  // Places beyond the members repeat the last member; their results are dropped.
  std::array<const double*, kLanes> a_in{}, w_in{};
  for (std::size_t l = 0; l < static_cast<std::size_t>(kLanes); ++l) {
    const std::size_t member = group.layout == Layout::standard ? l : l / 2;
    const WarmSvdState& s = *state[members[std::min(member, members.size() - 1)]];
    a_in[l] = s.a.data();
    w_in[l] = s.w.data();
  }
  group.a_rows = interleave(group.layout, a_in, rows, k, group.a.data());
  group.w_rows = interleave(group.layout, w_in, k, k, group.w.data());
  auto norms = [&] { column_norms(group.layout, group.a.data(), group.a_rows, k, group.d.data()); };
  norms();

  // A zero matrix has no directions at all; beyond 1e+-75 the squared norms in the cosine test
  // would overflow or underflow. dgesdd copes with both.
  Lanes null2{};
  Mask usable{};
  for (int l = 0; l < kLanes; ++l) {
    double d_max = 0.0;
    for (Index j = 0; j < k; ++j) d_max = std::max(d_max, group.d[j][l]);
    usable[l] = d_max >= 1e-150 && d_max <= 1e150 ? -1 : 0;
    // Columns at the rounding level of ||Q||: what a zero singular value leaves in A.
    null2[l] = std::pow(static_cast<double>(k) * kEps, 2) * d_max;
  }
  // LAPACK's dgesvj tolerance for the cosine between two columns, squared.
  const double tol2 = static_cast<double>(rows) * kEps * kEps;
  const std::int64_t pairs = k * (k - 1) / 2;
  Mask converged{}, failed = ~usable;
  std::vector<int> sweeps(kLanes, 0);
  for (int s = 0; s < options.max_sweeps && !all(converged | failed); ++s) {
    Mask rotations{};
    sweep(group.layout, group.a.data(), group.a_rows, group.w.data(), group.w_rows, k, group.d.data(), null2, tol2,
          rotations);
    // Columns that did not turn keep the norms they had.
    if (any(rotations != 0)) norms();
    const Mask active = ~(converged | failed);
    for (int l = 0; l < kLanes; ++l) sweeps[static_cast<std::size_t>(l)] += active[l] ? 1 : 0;
    converged |= active & (rotations == 0);
    // A good warm start has converged by its fifth sweep; one that still rotates half of the
    // pairs there is far from converging, and more sweeps would cost more than dgesdd.
    if (s >= 4) failed |= active & ~converged & (rotations > pairs / 2);
  }

  // Lanes whose columns go straight from the group's buffers into U and V (scatter_columns).
  std::array<double*, kLanes> tall{}, square{};
  std::array<const Index*, kLanes> position{};
  std::array<const double*, kLanes> scale{};
  for (std::size_t l = 0; l < members.size(); ++l) {
    const Index m = members[l];
    const int lane = group.lane(static_cast<int>(l));
    WarmSvdState& s = *state[m];
    s.counters.sweeps += sweeps[static_cast<std::size_t>(lane)];
    if (converged[lane]) {
      s.failures_in_a_row = 0;
      if (sort_columns(*Q[m], *svd[m], s, group, rows, static_cast<int>(l), null2[lane])) {
        const Factors out = factors(*Q[m], *svd[m]);
        tall[l] = out.tall.data();
        square[l] = out.square.data();
        position[l] = s.position.data();
        scale[l] = s.inverse_norms.data();
      }
    } else {
      s.failures_in_a_row = std::min(s.failures_in_a_row + 1, 3);
      s.calls_to_skip = (1 << s.failures_in_a_row) - 1;
      cold_start(*Q[m], *svd[m], s);
    }
  }
  if (group.layout == Layout::standard) {
    scatter_columns(group.a.data(), group.a_rows, rows, k, tall, position, scale);
    scatter_columns(group.w.data(), group.w_rows, k, k, square, position, {});
  } else {
    for (int member = 0; member < 2; ++member) {
      const auto m = static_cast<std::size_t>(member);
      if (tall[m]) scatter_halves(group, member, rows, k, tall[m], square[m], position[m], scale[m]);
    }
  }
}

}  // namespace snnsense::svd_detail
