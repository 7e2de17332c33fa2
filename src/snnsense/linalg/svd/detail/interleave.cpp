#include "snnsense/linalg/svd/detail/interleave.hpp"

#include <cstddef>

namespace snnsense::svd_detail {

SNNSENSE_AVX2_CLONE Index interleave(Layout layout, const std::array<const double*, kLanes>& src, Index n,
                                     Index columns, Lanes* dst) {
  const Index h = (n + 1) / 2;
  if (layout == Layout::standard) {
    for (Index j = 0; j < columns; ++j) {
      for (Index r = 0; r < n; ++r) {
        Lanes v;
        for (int l = 0; l < kLanes; ++l) v[l] = src[static_cast<std::size_t>(l)][j * n + r];
        dst[j * 2 * h + r] = v;
      }
      if (n < 2 * h) dst[j * 2 * h + n] = Lanes{};
    }
    return 2 * h;
  }
  for (Index j = 0; j < columns; ++j)
    for (Index r = 0; r < h; ++r) {
      Lanes v;
      for (int m = 0; m < 2; ++m) {
        const double* column = src[static_cast<std::size_t>(2 * m)] + j * n;
        v[2 * m] = column[r];
        v[2 * m + 1] = h + r < n ? column[h + r] : 0.0;
      }
      dst[j * h + r] = v;
    }
  return h;
}

SNNSENSE_AVX2_CLONE void scatter_columns(const Lanes* src, Index stride, Index n, Index k,
                                         const std::array<double*, kLanes>& dst,
                                         const std::array<const Index*, kLanes>& position,
                                         const std::array<const double*, kLanes>& scale) {
  for (Index j = 0; j < k; ++j) {
    const Lanes* column = src + j * stride;
    std::array<double*, kLanes> out{};
    std::array<double, kLanes> factor{};
    for (std::size_t l = 0; l < static_cast<std::size_t>(kLanes); ++l) {
      if (dst[l] == nullptr) continue;
      out[l] = dst[l] + position[l][j] * n;
      factor[l] = scale[l] ? scale[l][j] : 1.0;
    }
    Index r = 0;
    for (; r + kLanes <= n; r += kLanes) {
      // Indices into the two operands' lanes side by side (GCC 12 and clang alike).
      const Lanes t0 = __builtin_shufflevector(column[r], column[r + 1], 0, 4, 2, 6);
      const Lanes t1 = __builtin_shufflevector(column[r], column[r + 1], 1, 5, 3, 7);
      const Lanes t2 = __builtin_shufflevector(column[r + 2], column[r + 3], 0, 4, 2, 6);
      const Lanes t3 = __builtin_shufflevector(column[r + 2], column[r + 3], 1, 5, 3, 7);
      const Lanes lane[kLanes] = {
          __builtin_shufflevector(t0, t2, 0, 1, 4, 5), __builtin_shufflevector(t1, t3, 0, 1, 4, 5),
          __builtin_shufflevector(t0, t2, 2, 3, 6, 7), __builtin_shufflevector(t1, t3, 2, 3, 6, 7)};
      for (std::size_t l = 0; l < static_cast<std::size_t>(kLanes); ++l)
        if (out[l]) *reinterpret_cast<Lanes*>(out[l] + r) = lane[l] * factor[l];
    }
    for (; r < n; ++r)
      for (std::size_t l = 0; l < static_cast<std::size_t>(kLanes); ++l)
        if (out[l]) out[l][r] = column[r][l] * factor[l];
  }
}

void scatter_halves(const Group& g, int member, Index rows, Index k, double* tall, double* square,
                    const Index* position, const double* scale) {
  for (Index j = 0; j < k; ++j) {
    const Index to = position[j];
    for (Index r = 0; r < rows; ++r) tall[to * rows + r] = g.entry(g.a, g.a_rows, r, j, member) * scale[j];
    for (Index r = 0; r < k; ++r) square[to * k + r] = g.entry(g.w, g.w_rows, r, j, member);
  }
}

}  // namespace snnsense::svd_detail
