#pragma once
// The two files every reproduction folder ends with, from which its report and the index of
// `reproduce all` are assembled: claims.json (the claims beside what was measured) and
// reproduction.json (the recipe, the version that ran it and the seconds it took).
#include <chrono>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <vector>

#include "snnsense/experiments/reports/paper_claims.hpp"

namespace snnsense {

using ReproductionClock = std::chrono::steady_clock;

double seconds_since(ReproductionClock::time_point start);

// Writes dir/claims.json and dir/reproduction.json (`recipe` with "version" and "seconds" added).
void write_reproduction_record(const std::filesystem::path& dir, nlohmann::json recipe,
                               const std::vector<ClaimCheck>& claims, ReproductionClock::time_point start);

}  // namespace snnsense
