// Matrix Market coordinate files: banner, comments, size line, entries, symmetry.
#include "fuzz_input.hpp"
#include "snnsense/io/matrix_market.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace snnsense;
  const auto file = fuzz::write_input("input.mtx", data, size);
  fuzz::expect_clean([&] { read_matrix_market(file); });
  return 0;
}
