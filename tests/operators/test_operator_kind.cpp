#include <gtest/gtest.h>

#include "snnsense/core/error.hpp"
#include "snnsense/operators/measurement_operator.hpp"

using namespace snnsense;

TEST(OperatorKind, NamesRoundTrip) {
  for (const OperatorKind kind :
       {OperatorKind::dense, OperatorKind::spectral, OperatorKind::completion, OperatorKind::rank_one})
    EXPECT_EQ(operator_kind_from_string(to_string(kind)), kind);
  EXPECT_EQ(to_string(OperatorKind::rank_one), "rank-one");
  EXPECT_EQ(to_string(OperatorKind::completion), "completion");
}

TEST(OperatorKind, UnknownNameListsTheAcceptedOnes) {
  try {
    operator_kind_from_string("gaussian");
    FAIL() << "expected InputError";
  } catch (const InputError& error) {
    EXPECT_STREQ(error.what(), "unknown operator 'gaussian' (expected dense, spectral, completion or rank-one)");
  }
}
