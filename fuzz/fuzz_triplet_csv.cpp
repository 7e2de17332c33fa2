// CSV triplet files (`snnsense import`): separators, headers, numbers, blank lines.
#include "fuzz_input.hpp"
#include "snnsense/io/triplet_csv.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace snnsense;
  const auto file = fuzz::write_input("input.csv", data, size);
  fuzz::expect_clean([&] { read_triplet_csv(file); });
  return 0;
}
