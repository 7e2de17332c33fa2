#include "snnsense/experiments/reproduction/reproduction_record.hpp"

#include "snnsense/io/json_file.hpp"

namespace snnsense {

double seconds_since(ReproductionClock::time_point start) {
  return std::chrono::duration<double>(ReproductionClock::now() - start).count();
}

void write_reproduction_record(const std::filesystem::path& dir, nlohmann::json recipe,
                               const std::vector<ClaimCheck>& claims, ReproductionClock::time_point start) {
  write_json(dir / "claims.json", claims_to_json(claims));
  recipe["version"] = SNNSENSE_VERSION;
  recipe["seconds"] = seconds_since(start);
  write_json(dir / "reproduction.json", recipe);
}

}  // namespace snnsense
