#include "snnsense/problems/triplet_import.hpp"

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "snnsense/core/error.hpp"
#include "snnsense/io/file_error.hpp"
#include "snnsense/problems/completion_problem.hpp"
#include "snnsense/problems/distinct_entries.hpp"
#include "snnsense/problems/entry_split.hpp"
#include "snnsense/problems/number_text.hpp"

namespace snnsense {

namespace {

// problem.json's limit on a dimension and on a count of measurements.
constexpr Index kMaxExtent = INT32_MAX;

using Ids = std::vector<std::int64_t>;

struct AxisNames {
  std::string singular, plural;  // "row", "rows"
};

// Where each entry's id lands, over both files (training entries first), and the extent.
struct AxisMap {
  Index extent = 0;
  IndexVector positions;
  std::optional<IndexVector> ids;  // labels only: the id of each position
  std::string note;
};

Ids sorted_unique(Ids ids) {
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  return ids;
}

AxisMap map_labels(const Ids& train, const Ids* test, const AxisNames& names) {
  const Ids in_train = sorted_unique(train);
  Ids all = in_train;
  if (test) {
    all.insert(all.end(), test->begin(), test->end());
    all = sorted_unique(std::move(all));
  }
  const Index n = static_cast<Index>(all.size());
  if (n > kMaxExtent)
    throw InputError(names.plural + ": " + std::to_string(n) + " distinct ids, more than the " + std::to_string(kMaxExtent) +
                     " a problem may have");
  AxisMap map;
  map.extent = n;
  map.positions.resize(static_cast<Index>(train.size() + (test ? test->size() : 0)));
  Index k = 0;
  const auto place = [&](const Ids& ids) {
    for (const std::int64_t id : ids) map.positions(k++) = std::lower_bound(all.begin(), all.end(), id) - all.begin();
  };
  place(train);
  if (test) place(*test);
  map.ids = Eigen::Map<const IndexVector>(all.data(), n);
  map.note = names.plural + ": " + std::to_string(n) + " distinct ids (" + std::to_string(all.front()) + ".." +
             std::to_string(all.back()) + ") mapped to 0.." + std::to_string(n - 1) + " in sorted order";
  if (const Index only_test = n - static_cast<Index>(in_train.size()); only_test > 0)
    map.note += ", " + std::to_string(only_test) + " of them only in the test file";
  return map;
}

// `bound`: the extent the ids must fit (from --shape or a size line), named by `source`.
AxisMap map_positions(const Triplets& train, const Ids& train_ids, const Triplets* test, const Ids* test_ids,
                      std::int64_t base, std::optional<Index> bound, const std::string& source, const AxisNames& names) {
  AxisMap map;
  map.positions.resize(static_cast<Index>(train_ids.size() + (test_ids ? test_ids->size() : 0)));
  Index k = 0, largest = -1;
  const auto place = [&](const Triplets& file, const Ids& ids) {
    for (std::size_t i = 0; i < ids.size(); ++i) {
      const std::int64_t id = ids[i];
      if (id < base)
        file.fail_at(i, names.singular + " id " + std::to_string(id) + " is below " + std::to_string(base) + " (" + source + ")");
      if (bound && id - base >= *bound)
        file.fail_at(i, names.singular + " id " + std::to_string(id) + " is out of range " + std::to_string(base) + ".." +
                            std::to_string(*bound - 1 + base) + " (" + source + ")");
      if (id - base >= kMaxExtent)
        file.fail_at(i, names.singular + " id " + std::to_string(id) + " would make more than " + std::to_string(kMaxExtent) + " " +
                            names.plural + " (ids that are labels need no --index-base)");
      largest = std::max<Index>(largest, id - base);
      map.positions(k++) = id - base;
    }
  };
  place(train, train_ids);
  if (test) place(*test, *test_ids);
  map.extent = bound ? *bound : largest + 1;
  map.note = names.plural + ": ids are " + std::to_string(base) + "-based positions, " + std::to_string(map.extent) + " " +
             names.plural + " (" + (bound ? source : "the largest id is " + std::to_string(largest + base)) + ")";
  return map;
}

// The same (row, col) twice: within one file, or once in each.
void refuse_duplicates(const AxisMap& rows, const AxisMap& cols, const Triplets& train, const Triplets* test) {
  const auto repeat = first_duplicate_entry(rows.positions, cols.positions);
  if (!repeat) return;
  const std::size_t n = train.size();
  const auto first = static_cast<std::size_t>(repeat->first), second = static_cast<std::size_t>(repeat->second);
  const Triplets& where = second < n ? train : *test;
  const std::size_t at = second < n ? second : second - n;
  const std::string entry = "entry (row " + std::to_string(where.rows[at]) + ", column " + std::to_string(where.cols[at]) + ")";
  if (first < n && second >= n)
    where.fail_at(at, entry + " is also in the training file " + train.file.string() + ", line " + std::to_string(train.lines[first]) +
                          "; each entry may be observed once");
  const std::int64_t earlier = where.lines[first < n ? first : first - n];
  where.fail_at(at, entry + " repeats line " + std::to_string(earlier) + "; each entry may be observed once");
}

std::string index_base_name(const Triplets& file, const ImportOptions& options) {
  if (file.format == TripletFormat::matrix_market) return "1";
  return to_string(options.index_base.value_or(IndexBase::labels));
}

}  // namespace

void ImportOptions::validate() const {
  if (!(test_fraction >= 0.0 && test_fraction < 1.0))
    throw InputError("--test-fraction must lie in [0, 1), got " + number_text(test_fraction));
  if (shape && index_base.value_or(IndexBase::labels) == IndexBase::labels)
    throw InputError("--shape needs --index-base 0 or 1 (with labels, the shape is the number of distinct ids)");
  if (shape && (shape->first < 1 || shape->second < 1 || shape->first > kMaxExtent || shape->second > kMaxExtent))
    throw InputError("--shape: each dimension must lie in [1, " + std::to_string(kMaxExtent) + "], got " +
                     std::to_string(shape->first) + "," + std::to_string(shape->second));
}

ImportedProblem import_triplets(const Triplets& train, const Triplets* test, const ImportOptions& options) {
  options.validate();
  const bool market = train.format == TripletFormat::matrix_market;
  if (market && options.index_base)
    throw InputError("--index-base applies to CSV files; " + train.file.string() +
                     " is a Matrix Market file (1-based, shaped by its size line)");
  if (market && options.shape)
    throw InputError("--shape applies to CSV files; " + train.file.string() + " is a Matrix Market file (shaped by its size line)");
  if (test && test->format != train.format)
    throw FileError(test->file.string() + ": is a " + to_string(test->format) + " file but " + train.file.string() + " is " +
                    to_string(train.format) + "; give both in one format");
  if (test && market && test->shape != train.shape)
    throw_file_line_error(test->file, test->shape_line,
                          "the size line says " + std::to_string(test->shape->first) + " x " +
                              std::to_string(test->shape->second) + " but " + train.file.string() + " says " +
                              std::to_string(train.shape->first) + " x " + std::to_string(train.shape->second));
  const std::size_t count = train.size() + (test ? test->size() : 0);
  if (count > static_cast<std::size_t>(kMaxExtent))
    throw InputError(train.file.string() + ": " + std::to_string(count) + " entries, more than the " + std::to_string(kMaxExtent) +
                     " a problem may hold");

  const AxisNames row_names{"row", "rows"}, col_names{"column", "columns"};
  AxisMap rows, cols;
  const IndexBase base = market ? IndexBase::one : options.index_base.value_or(IndexBase::labels);
  if (base == IndexBase::labels) {
    rows = map_labels(train.rows, test ? &test->rows : nullptr, row_names);
    cols = map_labels(train.cols, test ? &test->cols : nullptr, col_names);
  } else {
    const std::int64_t b = base == IndexBase::one ? 1 : 0;
    std::optional<Index> row_bound, col_bound;
    std::string source = "--index-base " + std::to_string(b);
    if (market) {
      row_bound = train.shape->first;
      col_bound = train.shape->second;
      source = "the size line says " + std::to_string(*row_bound) + " x " + std::to_string(*col_bound);
    } else if (options.shape) {
      row_bound = options.shape->first;
      col_bound = options.shape->second;
      source = "--shape " + std::to_string(*row_bound) + "," + std::to_string(*col_bound);
    }
    rows = map_positions(train, train.rows, test, test ? &test->rows : nullptr, b, row_bound, source, row_names);
    cols = map_positions(train, train.cols, test, test ? &test->cols : nullptr, b, col_bound, source, col_names);
  }
  refuse_duplicates(rows, cols, train, test);

  Vector values(static_cast<Index>(count));
  std::copy(train.values.begin(), train.values.end(), values.data());
  if (test) std::copy(test->values.begin(), test->values.end(), values.data() + train.size());
  const Index n = static_cast<Index>(train.size());
  const EntrySplit split = test ? split_at(static_cast<Index>(count), n) : split_entries(n, options.test_fraction, options.seed);

  nlohmann::json provenance = {{"generator", "snnsense " SNNSENSE_VERSION " import"},
                               {"source", train.file.string()},
                               {"format", to_string(train.format)},
                               {"index_base", index_base_name(train, options)},
                               {"entries", train.size()}};
  if (!market) provenance["header"] = train.header;
  if (test) {
    provenance["test_file"] = test->file.string();
    provenance["test_entries"] = test->size();
  } else {
    provenance["test_fraction"] = options.test_fraction;
    provenance["seed"] = options.seed;
  }
  if (base == IndexBase::labels) provenance["ids"] = {{"rows", "row_ids.npy"}, {"cols", "col_ids.npy"}};

  ImportedProblem imported{completion_problem(rows.extent, cols.extent, rows.positions, cols.positions, values, split,
                                              std::move(provenance)),
                           rows.note, cols.note};
  imported.problem.row_ids = std::move(rows.ids);
  imported.problem.col_ids = std::move(cols.ids);
  return imported;
}

EntryPositions entry_positions(const Triplets& entries, const Problem& problem) {
  const AxisNames row_names{"row", "rows"}, col_names{"column", "columns"};
  const auto labelled = [&](const Ids& ids, const IndexVector& known, const AxisNames& names, const char* file) {
    IndexVector positions(static_cast<Index>(ids.size()));
    const std::int64_t* begin = known.data();
    const std::int64_t* end = begin + known.size();
    for (std::size_t i = 0; i < ids.size(); ++i) {
      const std::int64_t* at = std::lower_bound(begin, end, ids[i]);
      if (at == end || *at != ids[i])
        entries.fail_at(i, names.singular + " id " + std::to_string(ids[i]) + " is not one of the problem's " +
                               std::to_string(known.size()) + " " + names.singular + " ids (" + file + ")");
      positions(static_cast<Index>(i)) = at - begin;
    }
    return positions;
  };
  if (problem.row_ids && problem.col_ids)
    return {labelled(entries.rows, *problem.row_ids, row_names, "row_ids.npy"),
            labelled(entries.cols, *problem.col_ids, col_names, "col_ids.npy")};
  const std::int64_t base = problem.provenance.value("index_base", std::string("0")) == "1" ? 1 : 0;
  const std::string source = "the problem is " + std::to_string(problem.n1) + " x " + std::to_string(problem.n2) + ", " +
                             std::to_string(base) + "-based";
  return {map_positions(entries, entries.rows, nullptr, nullptr, base, problem.n1, source, row_names).positions,
          map_positions(entries, entries.cols, nullptr, nullptr, base, problem.n2, source, col_names).positions};
}

}  // namespace snnsense
