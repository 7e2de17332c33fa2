#include "snnsense/convex/solve_options.hpp"

#include <array>
#include <cmath>
#include <sstream>
#include <string_view>

#include "snnsense/core/error.hpp"
#include "snnsense/core/memory_estimate.hpp"

namespace snnsense {

namespace {

std::string number(double value) {
  std::ostringstream out;
  out << value;
  return out.str();
}

}  // namespace

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
  validate_max_memory(max_memory_gb);
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
