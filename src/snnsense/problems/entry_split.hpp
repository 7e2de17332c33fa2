#pragma once
// A seeded train/test split of observed entries, for data that comes without one.
#include <cstdint>
#include <string_view>
#include <vector>

#include "snnsense/core/types.hpp"

namespace snnsense {

// Positions (into the list of entries) of each part, ascending: both parts keep the entries' order.
struct EntrySplit {
  std::vector<Index> train, test;
};

// round(test_fraction * count) entries held out, drawn uniformly without replacement from
// Rng(seed): the same count, fraction and seed give the same split. Throws InputError naming
// `option` when the fraction is outside [0, 1) or would leave no training entry.
EntrySplit split_entries(Index count, double test_fraction, std::uint64_t seed,
                         std::string_view option = "--test-fraction");

// Every entry in training: the first `train` entries, then the rest held out.
EntrySplit split_at(Index count, Index train);

}  // namespace snnsense
