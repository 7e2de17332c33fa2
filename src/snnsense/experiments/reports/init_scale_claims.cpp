#include <cmath>

#include "snnsense/experiments/reproduction/init_scale_experiment.hpp"
#include "snnsense/experiments/reports/text_format.hpp"

namespace snnsense {

namespace {

const InitScalePoint* at_scale(const std::vector<InitScalePoint>& points, double scale) {
  for (const InitScalePoint& p : points)
    if (p.scale == scale) return &p;
  return nullptr;
}

std::string describe(const InitScalePoint& p) {
  return format_text(
      "%+.2f%% ± %.2f%% (min %+.2f%%, max %+.2f%%) over %lld seeds, %lld converged to the loss "
      "tolerance",
      100.0 * p.mean_gap, 100.0 * p.std_gap, 100.0 * p.min_gap, 100.0 * p.max_gap, static_cast<long long>(p.runs),
      static_cast<long long>(p.converged));
}

const char* kSetting =
    " (independent PyTorch implementation: n = 10, rank 6, m = 5 well-specified measurements, "
    "one-layer SNN, tanh, 20 000 GD steps).";

}  // namespace

std::vector<ClaimCheck> init_scale_claims(const std::vector<InitScalePoint>& points, bool quick) {
  std::vector<ClaimCheck> claims;
  const std::string seeds_note = quick ? " A --quick run uses 3 seeds; the full run uses 5." : "";

  if (const InitScalePoint* small = at_scale(points, 0.01)) {
    ClaimCheck c{"small-init-gap",
                 "From a small spectral initialisation (u, v scaled by 0.01) the converged SNN lands within a few "
                 "percent of the minimum nuclear norm.",
                 std::string("+0.1% to +3%") + kSetting,
                 "Scale 0.01: " + describe(*small) + ".",
                 small->max_gap <= 0.03,
                 "Criterion: every seed's gap at most +3%." + seeds_note};
    claims.push_back(c);
  }
  if (const InitScalePoint* large = at_scale(points, 1.0)) {
    ClaimCheck c{"reference-init-gap",
                 "From the reference initialisation (u, v with U(0,1) entries, scale 1) the limit's nuclear norm is "
                 "far above the minimum.",
                 std::string("+25% to +800%") + kSetting,
                 "Scale 1: " + describe(*large) + ".",
                 large->mean_gap >= 0.25 && large->mean_gap <= 8.0,
                 "Criterion: the mean gap within +25%..+800%. The gap at scale 1 also depends on the step size the "
                 "search picks (a larger step lands elsewhere), so a difference from the reference range is "
                 "plausible; results.csv lists each run's step size." +
                     seeds_note};
    claims.push_back(c);
  }
  std::string trend;
  bool shrinking = points.size() >= 2;
  for (std::size_t i = 0; i < points.size(); ++i) {
    trend += format_text("%s%g: %+.2f%%", i ? ", " : "", points[i].scale, 100.0 * points[i].mean_gap);
    // Scales come largest first; 0.1 percentage point of slack absorbs seed noise on a flat tail.
    if (i > 0 && !(points[i].mean_gap <= points[i - 1].mean_gap + 1e-3)) shrinking = false;
  }
  claims.push_back(
      {"gap-shrinks-with-scale",
       "The nuclear-norm gap shrinks with the initialisation scale: \"the limit is the minimum-nuclear-"
       "norm interpolant\" holds in the small-initialisation regime.",
       "An independent implementation of the paper (docs/science.md §3), from the two scales above: a tool "
       "must measure the gap rather than assume it.",
       "Mean gap by scale: " + trend + ".", shrinking,
       "Criterion: the mean gap never grows (by more than 0.1 percentage point) as the scale decreases." + seeds_note});
  return claims;
}

}  // namespace snnsense
