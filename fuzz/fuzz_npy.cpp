// .npy files: header (magic, version, dict literal), dtype, shape and data length.
#include "fuzz_input.hpp"
#include "snnsense/io/npy.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace snnsense;
  const auto file = fuzz::write_input("input.npy", data, size);
  fuzz::expect_clean([&] { npy::read_matrix(file); });
  fuzz::expect_clean([&] { npy::read_vector(file); });
  fuzz::expect_clean([&] { npy::read_index_vector(file); });
  return 0;
}
