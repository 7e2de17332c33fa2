// problem_memory against the heap a loaded completion problem holds once training has passed over
// it, and the refusal check_problem_memory gives.
#include <gtest/gtest.h>
#include <malloc.h>

#include <filesystem>

#include "../io/temp_dir.hpp"
#include "snnsense/core/error.hpp"
#include "snnsense/problems/generate.hpp"
#include "snnsense/problems/problem_io.hpp"
#include "snnsense/problems/problem_memory.hpp"

using namespace snnsense;
using snnsense::testing::TempDir;
namespace fs = std::filesystem;

namespace {

double heap_in_use() {
  const struct mallinfo2 info = mallinfo2();
  return static_cast<double>(info.uordblks + info.hblkhd);
}

fs::path saved_completion_problem(const TempDir& root) {
  GenerateOptions options;
  options.problem = "rectangular";
  options.design = "completion";
  options.n = 300;
  options.n2 = 200;
  options.rank = 3;
  options.measurements = 20000;
  options.test = 2000;
  options.seed = 4;
  const fs::path dir = root / "problem";
  fs::create_directory(dir);
  save_problem(generate_problem(options), dir);
  return dir;
}

}  // namespace

// An upper bound that is not far off: what the loaded problem holds once both entry orders exist
// (the passes of a factored step build them) lies below the estimate, and more than half of it.
TEST(ProblemMemory, BoundsWhatALoadedCompletionProblemHoldsInUse) {
  TempDir tmp;
  const fs::path dir = saved_completion_problem(tmp);
  const double estimated = problem_memory(dir).total_bytes();
  const double before = heap_in_use();
  double held = 0.0;
  {
    const Problem problem = load_problem(dir);
    const Matrix left = Matrix::Constant(300, 2, 0.1), right = Matrix::Constant(200, 2, 0.1);
    const Vector r = Vector::Ones(problem.train_count());
    const Matrix sq = problem.train_operator->adjoint_times(r, right, nullptr);
    const Matrix stp = problem.train_operator->adjoint_transpose_times(r, left, nullptr);
    held = heap_in_use() - before;
    EXPECT_EQ(sq.rows(), 300);
    EXPECT_EQ(stp.rows(), 200);
  }
  if (held < 8.0 * 22000) GTEST_SKIP() << "the allocator's statistics are not available (a sanitizer build)";
  EXPECT_GE(estimated, held);
  EXPECT_LE(estimated, 2.5 * held) << "estimated " << estimated << " bytes, held " << held;
}

TEST(ProblemMemory, AProblemBeyondTheLimitIsRefusedNamingItsDirectory) {
  TempDir tmp;
  const fs::path dir = saved_completion_problem(tmp);
  check_problem_memory(dir, 1.0);  // a few MB fit in 1 GB
  try {
    check_problem_memory(dir, 1e-4);
    FAIL() << "a 100 kB limit let a problem of about 2 MB pass";
  } catch (const InputError& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find("loading the problem " + dir.string() + " needs about "), std::string::npos) << message;
    EXPECT_NE(message.find("entry orders by row and by column"), std::string::npos) << message;
    EXPECT_NE(message.find("raise --max-memory GB"), std::string::npos) << message;
  }
}

TEST(ProblemMemory, ADirectoryWithoutAManifestIsAFileError) {
  TempDir tmp;
  EXPECT_THROW(problem_memory(tmp.path()), FileError);
}
