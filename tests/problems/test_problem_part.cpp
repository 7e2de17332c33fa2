// A problem in parts, in one process: the blocks each rank holds, and a sharded directory whose
// parts in order are the whole problem. Several processes: tests/mpi/ and tests/cli/test_cli_mpi.cpp.
#include <gtest/gtest.h>

#include "../io/temp_dir.hpp"
#include "snnsense/problems/generate.hpp"
#include "snnsense/problems/problem_io.hpp"
#include "snnsense/problems/problem_part.hpp"

using namespace snnsense;
namespace fs = std::filesystem;

namespace {

Problem sample() {
  GenerateOptions g;
  g.problem = "rectangular";
  g.design = "completion";
  g.n = 8;
  g.n2 = 7;
  g.rank = 2;
  g.measurements = 23;
  g.test = 6;
  g.seed = 3;
  return generate_problem(g);
}

}  // namespace

TEST(ProblemPart, RanksHoldContiguousBlocksDifferingByAtMostOne) {
  for (const int size : {1, 2, 3, 7}) {
    Index next = 0;
    for (int rank = 0; rank < size; ++rank) {
      const PartRange range = part_range(23, rank, size);
      EXPECT_EQ(range.begin, next);
      const Index length = range.end - range.begin;
      EXPECT_TRUE(length == 23 / size || length == 23 / size + 1) << size << " " << rank;
      next = range.end;
    }
    EXPECT_EQ(next, 23);
  }
}

TEST(ProblemPart, OneProcessHoldsTheWholeProblem) {
  const Problem whole = sample();
  const Problem part = problem_part(whole, std::make_shared<SerialCommunicator>());
  EXPECT_EQ(part.train_operator, whole.train_operator);
}

TEST(ProblemPart, ShardedPartsInOrderAreTheWholeProblem) {
  snnsense::testing::TempDir dir;
  const Problem whole = sample();
  save_problem_parts(whole, 3, dir.path());
  EXPECT_TRUE(is_sharded(dir.path()));
  Vector train(0), test(0);
  for (int k = 0; k < 3; ++k) {
    const Problem part = load_problem(part_directory(dir.path(), k));
    EXPECT_EQ(part.x_true, whole.x_true);
    train.conservativeResize(train.size() + part.train_y.size());
    train.tail(part.train_y.size()) = part.train_y;
    test.conservativeResize(test.size() + part.test_y.size());
    test.tail(part.test_y.size()) = part.test_y;
  }
  EXPECT_EQ(train, whole.train_y);
  EXPECT_EQ(test, whole.test_y);
  // One process cannot train on three parts: the message says how.
  try {
    load_problem_part(dir.path(), std::make_shared<SerialCommunicator>());
    ADD_FAILURE() << "loaded 3 parts into 1 process";
  } catch (const FileError& e) {
    EXPECT_NE(std::string(e.what()).find("stored in 3 parts for 1 process; run with mpirun -np 3"),
              std::string::npos)
        << e.what();
  }
}
