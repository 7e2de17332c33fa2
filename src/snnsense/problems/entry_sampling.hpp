#pragma once
// Distinct entries of an n1 x n2 matrix drawn without any n1 x n2 structure: memory O(count + n1 + n2),
// so a 10^5 x 10^5 completion problem with 10^6 observed entries takes tens of megabytes.
//
// Entries are drawn one at a time, (row, column) independently, repeats skipped, until `count`
// distinct ones are found (processed in batches that give the same set as one-at-a-time drawing);
// the set is then put in a random order, so that a train/test split of its first and last entries is
// a uniformly random split. Seeded by the caller's Rng, single-threaded: the same for every thread count.
#include <array>
#include <cstdint>
#include <string_view>
#include <utility>

#include "snnsense/core/enum_names.hpp"
#include "snnsense/core/rng.hpp"

namespace snnsense {

// How often rows and columns are observed. uniform: every entry equally likely. power-law: as in
// ratings data, the row (column) of popularity rank k (1-based) is drawn with probability proportional
// to k^-exponent, and ranks are assigned to ids by a random permutation, so that the popular rows
// are spread over the matrix rather than at its top.
enum class Popularity { uniform, power_law };

template <>
struct EnumNames<Popularity> {
  static constexpr std::array<std::pair<Popularity, std::string_view>, 2> table{
      {{Popularity::uniform, "uniform"}, {Popularity::power_law, "power-law"}}};
};

struct EntrySample {
  IndexVector rows;
  IndexVector cols;
};

// Throws InputError when the draws keep repeating entries already found (a popularity so skewed
// that `count` distinct entries are out of practical reach), naming --popularity-exponent.
EntrySample sample_distinct_entries(Index n1, Index n2, Index count, Popularity popularity, double exponent, Rng& rng);

// Bytes sample_distinct_entries and the problem built from its entries hold at their peak, per entry
// and per row or column: what `generate` checks against --max-memory before drawing.
inline constexpr double kSampledEntryBytes = 64.0;
inline constexpr double kPopularityBytesPerLine = 16.0;

}  // namespace snnsense
