// The distributed operator in one process (a SerialCommunicator): which of the total's
// measurements a part holds, how subsets and their values are taken by the total's numbering, and
// that the products are the part's own when nothing is added. The sums over several processes
// are tested under mpirun (tests/mpi/test_mpi_training.cpp).
#include <gtest/gtest.h>

#include "snnsense/operators/completion_operator.hpp"
#include "snnsense/operators/distributed_operator.hpp"

using namespace snnsense;

namespace {

// A part holding measurements {1, 3, 4} of a total of 6: the entries (0,0), (1,2), (2,1).
std::shared_ptr<const DistributedOperator> part_of_six() {
  IndexVector rows(3), cols(3);
  rows << 0, 1, 2;
  cols << 0, 2, 1;
  auto part = std::make_shared<CompletionOperator>(rows, cols, 3, 3);
  return std::make_shared<DistributedOperator>(part, std::vector<Index>{1, 3, 4}, 6,
                                               std::make_shared<SerialCommunicator>());
}

}  // namespace

TEST(DistributedOperator, CountsItsPartAndTheTotal) {
  const auto op = part_of_six();
  EXPECT_EQ(op->measurements(), 3);
  EXPECT_EQ(op->total_measurements(), 6);
}

TEST(DistributedOperator, SubsetsNumberTheTotalsMeasurements) {
  const auto op = part_of_six();
  // Of the total's 4, 0, 1, 5 this part holds 4 (its local 2) and 1 (its local 0), in that order:
  // they are the subset's measurements 0 and 2 of 4.
  const std::vector<Index> picked{4, 0, 1, 5};
  const auto sub = std::dynamic_pointer_cast<const DistributedOperator>(op->subset(picked));
  ASSERT_TRUE(sub);
  EXPECT_EQ(sub->total_measurements(), 4);
  EXPECT_EQ(sub->positions(), (std::vector<Index>{0, 2}));
  Matrix X(3, 3);
  X << 1, 2, 3, 4, 5, 6, 7, 8, 9;
  EXPECT_EQ(sub->apply(X), Vector((Vector(2) << 8, 1).finished()));
  Vector y(3);
  y << 10, 30, 40;
  EXPECT_EQ(op->subset_values(y, picked), Vector((Vector(2) << 40, 10).finished()));
  // The contiguous case: slice() of the total.
  EXPECT_EQ(op->slice(3, 6)->measurements(), 2);
  EXPECT_THROW(op->subset(std::vector<Index>{6}), InputError);
}

TEST(DistributedOperator, AloneItsProductsAreItsParts) {
  const auto op = part_of_six();
  Vector r(3);
  r << 0.5, -1.0, 2.0;
  const Matrix Q = Matrix::Random(3, 2), P = Matrix::Random(3, 2);
  const MeasurementOperator& part = op->part();
  EXPECT_EQ(op->adjoint(r), part.adjoint(r));
  EXPECT_EQ(op->adjoint_times(r, Q, nullptr), part.adjoint_times(r, Q, nullptr));
  EXPECT_EQ(op->adjoint_transpose_times(r, P, nullptr), part.adjoint_transpose_times(r, P, nullptr));
  const Vector y = Vector::Ones(3);
  const FactoredResidual a = op->factored_residual(P, Q, y, 6.0, nullptr), b = part.factored_residual(P, Q, y, 6.0, nullptr);
  EXPECT_EQ(a.squared_norm, b.squared_norm);
  EXPECT_EQ(a.adjoint_times_right, b.adjoint_times_right);
}

TEST(DistributedOperator, RefusesPositionsThatDoNotAscendWithinTheTotal) {
  IndexVector rows(2), cols(2);
  rows << 0, 1;
  cols << 0, 1;
  auto part = std::make_shared<CompletionOperator>(rows, cols, 2, 2);
  auto comm = std::make_shared<SerialCommunicator>();
  EXPECT_THROW(DistributedOperator(part, {1, 0}, 4, comm), InputError);
  EXPECT_THROW(DistributedOperator(part, {2, 4}, 4, comm), InputError);
  EXPECT_THROW(DistributedOperator(part, {1}, 4, comm), InputError);
}
