// Training configuration JSON (`train --config`, config.json): parsed, read into a TrainingJob
// and validated.
#include "fuzz_input.hpp"
#include "snnsense/io/json_file.hpp"
#include "snnsense/training/training_job.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace snnsense;
  const auto file = fuzz::write_input("config.json", data, size);
  fuzz::expect_clean([&] { TrainingJob::from_json(read_json(file)).validate(); });
  return 0;
}
