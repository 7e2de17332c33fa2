// PNG and JPEG images (`generate --problem image --image FILE`), decoded by stb_image.
#include "fuzz_input.hpp"
#include "snnsense/io/image.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace snnsense;
  const auto file = fuzz::write_input("input.img", data, size);
  fuzz::expect_clean([&] { read_image(file); });
  fuzz::expect_clean([&] { read_image(file, 8); });
  return 0;
}
