#pragma once
// problem.json, the manifest of a problem directory. Users write it by hand to bring their own data,
// so parsing checks every field and names the file, the field and the fault.
#include <filesystem>
#include <nlohmann/json.hpp>

#include "snnsense/operators/measurement_operator.hpp"

namespace snnsense {

struct Manifest {
  Index n1 = 0;
  Index n2 = 0;
  OperatorKind kind = OperatorKind::dense;
  Index train = 0;
  Index test = 0;
  double noise = 0.0;
  double pixel_scale = 0.0;  // 0 when the problem is not an image (null on disk)
  bool has_x_true = false;
  nlohmann::json provenance = nlohmann::json::object();
};

inline constexpr const char* kProblemFormat = "snnsense-problem";
inline constexpr int kProblemVersion = 1;

nlohmann::json manifest_json(const Manifest& manifest);

// Throws FileError "<file>: <fault>".
Manifest parse_manifest(const nlohmann::json& json, const std::filesystem::path& file);

}  // namespace snnsense
