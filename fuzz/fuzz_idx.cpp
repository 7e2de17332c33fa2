// Fashion-MNIST IDX image files. The reader takes gzip files; the input is the uncompressed IDX
// content, compressed here, so the fuzzer explores the IDX structure rather than gzip's. Inputs
// whose first byte is 0x1f are written as they are, which reaches the gzip layer too.
#include <zlib.h>

#include <vector>

#include "fuzz_input.hpp"
#include "snnsense/io/idx.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace snnsense;
  std::filesystem::path file;
  if (size > 0 && data[0] == 0x1f) {
    file = fuzz::write_input("input.gz", data, size);
  } else {
    file = fuzz::scratch_dir() / "input.gz";
    gzFile gz = gzopen(file.c_str(), "wb");
    if (size > 0) gzwrite(gz, data, static_cast<unsigned>(size));
    gzclose(gz);
  }
  fuzz::expect_clean([&] { read_idx_image(file, 0); });
  fuzz::expect_clean([&] { read_idx_image(file, 3); });
  return 0;
}
