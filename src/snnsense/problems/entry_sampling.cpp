#include "snnsense/problems/entry_sampling.hpp"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "snnsense/core/error.hpp"
#include "snnsense/problems/number_text.hpp"

namespace snnsense {

namespace {

// At most this many batches. Each draws enough to replace what the last one lost to repeats, so
// uniform draws need a handful; running out means a popularity that concentrates nearly every draw
// on entries already taken.
constexpr int kMaxRounds = 200;
// A batch draws the missing entries divided by the last batch's share of new ones, at most this
// many times over (and at most max(count, 2^20) entries), so a batch's memory stays O(count).
constexpr double kMaxOvershoot = 64.0;
constexpr Index kMinBatchCap = Index{1} << 20;

// One axis: ids 0..n-1, uniformly or with the power-law popularity.
class AxisDraw {
 public:
  AxisDraw(Index n, Popularity popularity, double exponent, Rng& rng) : n_(n) {
    if (popularity == Popularity::uniform) return;
    cumulative_.resize(static_cast<std::size_t>(n));
    double sum = 0.0;
    for (Index k = 0; k < n; ++k)
      cumulative_[static_cast<std::size_t>(k)] = sum += std::pow(static_cast<double>(k + 1), -exponent);
    ids_.resize(static_cast<std::size_t>(n));
    for (Index k = 0; k < n; ++k) ids_[static_cast<std::size_t>(k)] = k;
    for (Index k = n - 1; k > 0; --k)
      std::swap(ids_[static_cast<std::size_t>(k)], ids_[rng.below(static_cast<std::uint64_t>(k + 1))]);
  }

  Index operator()(Rng& rng) const {
    if (cumulative_.empty()) return static_cast<Index>(rng.below(static_cast<std::uint64_t>(n_)));
    const double u = rng.uniform() * cumulative_.back();
    const auto rank = std::upper_bound(cumulative_.begin(), cumulative_.end(), u) - cumulative_.begin();
    return ids_[static_cast<std::size_t>(std::min<std::ptrdiff_t>(rank, n_ - 1))];
  }

 private:
  Index n_;
  std::vector<double> cumulative_;  // unnormalised: cumulative_[k] = sum of (j + 1)^-a for j <= k
  std::vector<Index> ids_;          // ids_[rank - 1]: the id of that popularity rank
};

struct Draw {
  std::uint64_t key;    // row * n2 + col
  std::uint64_t order;  // position in the batch
};

}  // namespace

EntrySample sample_distinct_entries(Index n1, Index n2, Index count, Popularity popularity, double exponent, Rng& rng) {
  if (n1 < 1 || n2 < 1 || count < 0 || static_cast<double>(count) > static_cast<double>(n1) * static_cast<double>(n2))
    throw InputError("sample_distinct_entries: " + std::to_string(count) + " distinct entries of a " + std::to_string(n1) +
                     " x " + std::to_string(n2) + " matrix");
  Rng axis_rng = rng.split(), draw_rng = rng.split(), order_rng = rng.split();
  const AxisDraw row_draw(n1, popularity, exponent, axis_rng), col_draw(n2, popularity, exponent, axis_rng);
  const auto width = static_cast<std::uint64_t>(n2);

  std::vector<std::uint64_t> chosen;  // ascending keys of the entries found so far
  chosen.reserve(static_cast<std::size_t>(count));
  std::vector<Draw> batch;
  double share_new = 1.0;
  for (int round = 0; static_cast<Index>(chosen.size()) < count; ++round) {
    if (round == kMaxRounds)
      throw InputError("--popularity-exponent " + number_text(exponent) + ": after " + std::to_string(kMaxRounds) +
                       " rounds of draws only " + std::to_string(chosen.size()) + " of " + std::to_string(count) +
                       " distinct entries were found; use a smaller exponent or fewer entries");
    const Index missing = count - static_cast<Index>(chosen.size());
    const double wanted = std::ceil(static_cast<double>(missing) / std::max(share_new, 1.0 / kMaxOvershoot));
    const Index size = std::max(missing, std::min(static_cast<Index>(wanted), std::max(count, kMinBatchCap)));
    batch.resize(static_cast<std::size_t>(size));
    for (Index i = 0; i < size; ++i) {
      const auto row = static_cast<std::uint64_t>(row_draw(draw_rng));
      const auto col = static_cast<std::uint64_t>(col_draw(draw_rng));
      batch[static_cast<std::size_t>(i)] = {row * width + col, static_cast<std::uint64_t>(i)};
    }
    // Keep each key's first draw, then drop keys found in earlier batches.
    std::sort(batch.begin(), batch.end(), [](const Draw& a, const Draw& b) {
      return a.key != b.key ? a.key < b.key : a.order < b.order;
    });
    batch.erase(std::unique(batch.begin(), batch.end(), [](const Draw& a, const Draw& b) { return a.key == b.key; }),
                batch.end());
    batch.erase(std::remove_if(batch.begin(), batch.end(),
                               [&](const Draw& d) { return std::binary_search(chosen.begin(), chosen.end(), d.key); }),
                batch.end());
    share_new = static_cast<double>(batch.size()) / static_cast<double>(size);
    // More new entries than missing: the ones drawn first are those one-at-a-time drawing keeps.
    if (static_cast<Index>(batch.size()) > missing) {
      std::nth_element(batch.begin(), batch.begin() + missing, batch.end(),
                       [](const Draw& a, const Draw& b) { return a.order < b.order; });
      batch.resize(static_cast<std::size_t>(missing));
      std::sort(batch.begin(), batch.end(), [](const Draw& a, const Draw& b) { return a.key < b.key; });
    }
    const auto middle = static_cast<std::ptrdiff_t>(chosen.size());
    for (const Draw& d : batch) chosen.push_back(d.key);
    std::inplace_merge(chosen.begin(), chosen.begin() + middle, chosen.end());
  }
  std::vector<Draw>().swap(batch);

  // Fisher-Yates: a uniformly random order of the set.
  for (Index k = count - 1; k > 0; --k)
    std::swap(chosen[static_cast<std::size_t>(k)], chosen[order_rng.below(static_cast<std::uint64_t>(k + 1))]);
  EntrySample sample{IndexVector(count), IndexVector(count)};
  for (Index i = 0; i < count; ++i) {
    sample.rows(i) = static_cast<Index>(chosen[static_cast<std::size_t>(i)] / width);
    sample.cols(i) = static_cast<Index>(chosen[static_cast<std::size_t>(i)] % width);
  }
  return sample;
}

}  // namespace snnsense
