#include "snnsense/problems/completion_problem.hpp"

#include <memory>
#include <string>

#include "snnsense/core/error.hpp"
#include "snnsense/operators/completion_operator.hpp"

namespace snnsense {

namespace {

template <class V>
V gathered(const V& from, const std::vector<Index>& at) {
  V out(static_cast<Index>(at.size()));
  for (std::size_t k = 0; k < at.size(); ++k) out(static_cast<Index>(k)) = from(at[k]);
  return out;
}

}  // namespace

Problem completion_problem(Index n1, Index n2, const IndexVector& rows, const IndexVector& cols, const Vector& values,
                           const EntrySplit& split, nlohmann::json provenance) {
  if (rows.size() != cols.size() || rows.size() != values.size())
    throw InputError("completion entries: " + std::to_string(rows.size()) + " rows, " + std::to_string(cols.size()) +
                     " columns and " + std::to_string(values.size()) + " values differ in number");
  if (!values.allFinite()) throw InputError("completion entries: every value must be finite");
  if (split.train.empty()) throw InputError("completion entries: no entry left for training");
  Problem problem;
  problem.n1 = n1;
  problem.n2 = n2;
  problem.train_operator = std::make_shared<CompletionOperator>(gathered(rows, split.train), gathered(cols, split.train), n1, n2);
  problem.test_operator = std::make_shared<CompletionOperator>(gathered(rows, split.test), gathered(cols, split.test), n1, n2);
  problem.train_y = gathered(values, split.train);
  problem.test_y = gathered(values, split.test);
  problem.provenance = std::move(provenance);
  return problem;
}

}  // namespace snnsense
