#include "snnsense/problems/problem_manifest.hpp"

#include <array>
#include <cmath>
#include <cstdint>
#include <string>
#include <string_view>

#include "snnsense/core/error.hpp"
#include "snnsense/problems/number_text.hpp"

namespace snnsense {

namespace {

using nlohmann::json;

constexpr std::array<std::string_view, 9> kFields{"format",      "version",    "shape",      "operator",  "measurements",
                                                  "noise",       "pixel_scale", "has_x_true", "provenance"};
constexpr std::array<std::string_view, 2> kMeasurementFields{"train", "test"};

// Counts and sizes are capped so that products such as (m + t) * n1 * n2 cannot overflow an Index.
constexpr std::int64_t kMaxExtent = INT32_MAX;

template <std::size_t N>
std::string listing(const std::array<std::string_view, N>& names) {
  std::string list;
  for (std::size_t k = 0; k < N; ++k) (list += k > 0 ? ", " : "") += names[k];
  return list;
}

// The fields of one JSON object, read with their types checked; `prefix` names a nested object
// ("measurements.") so that complaints name the field as a user would look for it.
class Fields {
 public:
  Fields(const json& object, const std::filesystem::path& file, std::string prefix = "")
      : object_(object), file_(file), prefix_(std::move(prefix)) {}

  [[noreturn]] void fail(const std::string& fault) const { throw FileError(file_.string() + ": " + fault); }

  template <std::size_t N>
  void reject_unknown(const std::array<std::string_view, N>& known) const {
    for (const auto& [key, value] : object_.items()) {
      bool found = false;
      for (const std::string_view name : known) found = found || name == key;
      if (!found) fail("unknown field '" + prefix_ + key + "' (expected " + listing(known) + ")");
    }
  }

  const json& get(const std::string& key) const {
    const auto it = object_.find(key);
    if (it == object_.end()) fail("missing field '" + prefix_ + key + "'");
    return *it;
  }

  std::string string(const std::string& key) const {
    const json& value = get(key);
    if (!value.is_string()) wrong_type(key, "a string");
    return value.get<std::string>();
  }

  std::int64_t integer(const json& value, const std::string& name, std::int64_t low, std::int64_t high) const {
    // An unsigned value beyond INT64_MAX would wrap around when read as a signed one.
    const bool representable = value.is_number_integer() && !(value.is_number_unsigned() && value.get<std::uint64_t>() > INT64_MAX);
    if (!representable || value.get<std::int64_t>() < low || value.get<std::int64_t>() > high)
      fail("field '" + prefix_ + name + "' must be an integer in [" + std::to_string(low) + ", " + std::to_string(high) +
           "], got " + value.dump());
    return value.get<std::int64_t>();
  }
  std::int64_t integer(const std::string& key, std::int64_t low, std::int64_t high) const {
    return integer(get(key), key, low, high);
  }

  double number(const std::string& key) const {
    const json& value = get(key);
    if (!value.is_number()) wrong_type(key, "a number");
    return value.get<double>();
  }

  bool boolean(const std::string& key) const {
    const json& value = get(key);
    if (!value.is_boolean()) wrong_type(key, "true or false");
    return value.get<bool>();
  }

  const json& object(const std::string& key) const {
    const json& value = get(key);
    if (!value.is_object()) wrong_type(key, "an object");
    return value;
  }

 private:
  [[noreturn]] void wrong_type(const std::string& key, const std::string& expected) const {
    fail("field '" + prefix_ + key + "' must be " + expected + ", got " + get(key).dump());
  }

  const json& object_;
  const std::filesystem::path& file_;
  std::string prefix_;
};

}  // namespace

json manifest_json(const Manifest& manifest) {
  return {{"format", kProblemFormat},
          {"version", kProblemVersion},
          {"shape", {manifest.n1, manifest.n2}},
          {"operator", to_string(manifest.kind)},
          {"measurements", {{"train", manifest.train}, {"test", manifest.test}}},
          {"noise", manifest.noise},
          {"pixel_scale", manifest.pixel_scale > 0.0 ? json(manifest.pixel_scale) : json(nullptr)},
          {"has_x_true", manifest.has_x_true},
          {"provenance", manifest.provenance}};
}

Manifest parse_manifest(const json& document, const std::filesystem::path& file) {
  if (!document.is_object()) throw FileError(file.string() + ": expected a JSON object, got " + document.type_name());
  const Fields fields(document, file);

  // Format and version first: a newer file should say so rather than trip over its new fields.
  if (const std::string format = fields.string("format"); format != kProblemFormat)
    fields.fail("format '" + format + "' is not '" + kProblemFormat + "'");
  if (const json& version = fields.get("version"); version != kProblemVersion) {
    fields.fail("unsupported version " + version.dump() + " (this snnsense reads version " +
                std::to_string(kProblemVersion) + ")");
  }
  fields.reject_unknown(kFields);

  Manifest manifest;
  const json& shape = fields.get("shape");
  if (!shape.is_array() || shape.size() != 2) fields.fail("field 'shape' must be [n1, n2], got " + shape.dump());
  manifest.n1 = fields.integer(shape[0], "shape[0]", 1, kMaxExtent);
  manifest.n2 = fields.integer(shape[1], "shape[1]", 1, kMaxExtent);

  try {
    manifest.kind = operator_kind_from_string(fields.string("operator"));
  } catch (const InputError& error) {
    fields.fail(error.what());
  }

  const Fields counts(fields.object("measurements"), file, "measurements.");
  counts.reject_unknown(kMeasurementFields);
  manifest.train = counts.integer("train", 1, kMaxExtent);
  manifest.test = counts.integer("test", 0, kMaxExtent);

  manifest.noise = fields.number("noise");
  if (!(manifest.noise >= 0.0 && std::isfinite(manifest.noise)))
    fields.fail("field 'noise' must be non-negative, got " + number_text(manifest.noise));

  if (const json& scale = fields.get("pixel_scale"); !scale.is_null()) {
    manifest.pixel_scale = fields.number("pixel_scale");
    if (!(manifest.pixel_scale > 0.0 && std::isfinite(manifest.pixel_scale)))
      fields.fail("field 'pixel_scale' must be positive (or null for a problem that is not an image), got " +
                  number_text(manifest.pixel_scale));
  }
  manifest.has_x_true = fields.boolean("has_x_true");
  manifest.provenance = fields.object("provenance");
  return manifest;
}

}  // namespace snnsense
