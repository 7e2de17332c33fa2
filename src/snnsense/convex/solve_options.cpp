#include "snnsense/convex/solve_options.hpp"

#include <array>
#include <cmath>
#include <sstream>
#include <string_view>

#include "snnsense/core/error.hpp"

namespace snnsense {

namespace {

// Indexed by SolveMethod, so the enum and its names cannot drift apart.
constexpr std::array<std::string_view, 4> kMethodNames{"auto", "admm", "apg", "basis-pursuit"};

std::string number(double value) {
  std::ostringstream out;
  out << value;
  return out.str();
}

}  // namespace

std::string to_string(SolveMethod method) { return std::string(kMethodNames[static_cast<std::size_t>(method)]); }

SolveMethod solve_method_from_string(const std::string& name) {
  for (std::size_t k = 0; k < kMethodNames.size(); ++k)
    if (kMethodNames[k] == name) return static_cast<SolveMethod>(k);
  throw InputError("--method: unknown method '" + name + "' (expected admm, apg, basis-pursuit or auto)");
}

void SolveOptions::validate() const {
  if (lambda) {
    if (!(std::isfinite(*lambda) && *lambda > 0.0))
      throw InputError("--lambda: must be a positive number, got " + number(*lambda));
    if (method != SolveMethod::apg) throw InputError("--lambda: only --method apg has a penalty weight");
  } else if (method == SolveMethod::apg) {
    throw InputError("--lambda: --method apg needs the weight of the nuclear norm, a positive number");
  }
  if (!(tolerance > 0.0 && tolerance < 1.0)) throw InputError("--tol: must lie in (0, 1), got " + number(tolerance));
  if (max_iterations <= 0)
    throw InputError("--max-iters: must be a positive integer, got " + std::to_string(max_iterations));
  if (!(rank_tolerance > 0.0 && rank_tolerance < 1.0))
    throw InputError("rank tolerance: must lie in (0, 1), got " + number(rank_tolerance));
  if (dense_gram_limit < 0) throw InputError("dense Gram limit: must be non-negative");
}

nlohmann::json SolveOptions::to_json() const {
  // The command line's spellings, as in the trainer's config.json.
  return {{"method", to_string(method)},
          {"lambda", lambda ? nlohmann::json(*lambda) : nlohmann::json(nullptr)},
          {"tol", tolerance},
          {"max-iters", max_iterations},
          {"rank-tolerance", rank_tolerance},
          {"dense-gram-limit", dense_gram_limit}};
}

}  // namespace snnsense
