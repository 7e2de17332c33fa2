// A problem directory's problem.json: the manifest beside valid operator and measurement files
// of a small completion problem (written once), so the fuzzer explores what problem.json can
// claim about them (shapes, counts, kinds, the split, ids) and load_problem's consistency checks.
#include "fuzz_input.hpp"
#include "snnsense/problems/generate.hpp"
#include "snnsense/problems/problem_io.hpp"

namespace {

std::filesystem::path problem_dir() {
  static const std::filesystem::path dir = [] {
    using namespace snnsense;
    GenerateOptions g;
    g.problem = "rectangular";
    g.design = "completion";
    g.n = 6;
    g.n2 = 5;
    g.rank = 2;
    g.measurements = 10;
    g.test = 5;
    const auto d = fuzz::scratch_dir() / "problem";
    std::filesystem::create_directories(d);
    save_problem(generate_problem(g), d);
    return d;
  }();
  return dir;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace snnsense;
  const auto dir = problem_dir();
  {
    std::ofstream out(dir / "problem.json", std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  }
  fuzz::expect_clean([&] { load_problem(dir); });
  return 0;
}
