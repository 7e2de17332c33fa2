#include "snnsense/problems/entry_split.hpp"

#include <cmath>
#include <numeric>
#include <string>

#include "snnsense/core/error.hpp"
#include "snnsense/core/rng.hpp"
#include "snnsense/problems/number_text.hpp"

namespace snnsense {

EntrySplit split_entries(Index count, double test_fraction, std::uint64_t seed, std::string_view option) {
  if (!(test_fraction >= 0.0 && test_fraction < 1.0))
    throw InputError(std::string(option) + " must lie in [0, 1), got " + number_text(test_fraction));
  const Index test = static_cast<Index>(std::llround(test_fraction * static_cast<double>(count)));
  if (test >= count)
    throw InputError(std::string(option) + " " + number_text(test_fraction) + " holds out all " + std::to_string(count) +
                     " entries, leaving none for training");
  // A partial Fisher-Yates shuffle: the first `test` slots end up a uniform sample.
  std::vector<Index> order(static_cast<std::size_t>(count));
  std::iota(order.begin(), order.end(), Index{0});
  Rng rng(seed);
  for (Index k = 0; k < test; ++k) {
    const Index pick = k + static_cast<Index>(rng.below(static_cast<std::uint64_t>(count - k)));
    std::swap(order[static_cast<std::size_t>(k)], order[static_cast<std::size_t>(pick)]);
  }
  std::vector<char> held_out(static_cast<std::size_t>(count), 0);
  for (Index k = 0; k < test; ++k) held_out[static_cast<std::size_t>(order[static_cast<std::size_t>(k)])] = 1;
  EntrySplit split;
  split.train.reserve(static_cast<std::size_t>(count - test));
  split.test.reserve(static_cast<std::size_t>(test));
  for (Index i = 0; i < count; ++i) (held_out[static_cast<std::size_t>(i)] ? split.test : split.train).push_back(i);
  return split;
}

EntrySplit split_at(Index count, Index train) {
  EntrySplit split;
  split.train.resize(static_cast<std::size_t>(train));
  split.test.resize(static_cast<std::size_t>(count - train));
  std::iota(split.train.begin(), split.train.end(), Index{0});
  std::iota(split.test.begin(), split.test.end(), train);
  return split;
}

}  // namespace snnsense
