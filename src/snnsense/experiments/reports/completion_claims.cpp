#include <algorithm>

#include "snnsense/experiments/reports/text_format.hpp"
#include "snnsense/experiments/reproduction/completion_experiment.hpp"
#include "snnsense/experiments/reproduction/convex_run.hpp"

namespace snnsense {

std::vector<ClaimCheck> completion_claims(const ComparisonTable& table, const std::vector<FrontierPoint>& frontier,
                                          bool quick) {
  std::vector<ClaimCheck> claims;
  auto test_rmse = [](const ComparisonRow& row) -> std::optional<double> {
    const nlohmann::json& f = row.summary.contains("final") ? row.summary["final"] : nlohmann::json(nullptr);
    if (!f.is_object() || !f.contains("test_rmse") || !f["test_rmse"].is_number()) return std::nullopt;
    return f["test_rmse"].get<double>();
  };
  std::optional<double> snn, best_other;
  std::string best_name;
  for (const ComparisonRow& row : table.rows) {
    const std::optional<double> rmse = test_rmse(row);
    if (!rmse) continue;
    if (row.name == "snn") snn = rmse;
    if (row.name == "bm" || row.name == kConvexModel) {
      if (!best_other || *rmse < *best_other) best_name = row.name;
      best_other = best_other ? std::min(*best_other, *rmse) : *rmse;
    }
  }
  ClaimCheck rmse;
  rmse.id = "test_rmse";
  rmse.claim = "The SNN completes real data as well as the established methods";
  rmse.paper = "Not in the paper (dense 28 x 28 images only); the goal set for the factored SNN: a held-out RMSE "
               "within 5 % of the best of Burer-Monteiro and soft-impute";
  if (snn && best_other) {
    const double ratio = *snn / *best_other;
    rmse.measured = format_text("SNN test RMSE %.4f; best other (%s) %.4f: ratio %.3f", *snn, best_name.c_str(),
                                *best_other, ratio);
    rmse.agree = ratio <= 1.05;
  } else {
    rmse.measured = "a run has no test RMSE";
  }
  rmse.note = "Agrees when the SNN's held-out RMSE is at most 1.05 times the better of the other two.";
  if (quick) rmse.note += " Quick mode: 1000 images and short budgets; the full data set is the real test.";
  claims.push_back(rmse);

  ClaimCheck near;
  near.id = "frontier";
  near.claim = "Gradient descent on the SNN from a small initialisation lands near the minimum-nuclear-norm "
               "completion at its training error";
  near.paper = "Implicit regularisation toward low nuclear norm (Theorem 1 for well-specified sensing); untested on "
               "real completion data";
  const FrontierPoint* smallest = nullptr;
  for (const FrontierPoint& p : frontier)
    if (!smallest || p.identity_eps < smallest->identity_eps) smallest = &p;
  if (smallest && smallest->gap) {
    near.measured = format_text("at init scale %g the SNN's nuclear norm is %+.1f%% from soft-impute's frontier",
                                smallest->identity_eps, 100.0 * *smallest->gap);
    near.agree = *smallest->gap <= 0.10;
  } else {
    near.measured = "the SNN's training RMSE lies outside soft-impute's path";
  }
  near.note = "Agrees when the gap at the smallest init scale is at most +10 %. The frontier between two path "
              "points is their chord, on or above the true frontier, so the gap shown is a lower bound.";
  claims.push_back(near);

  ClaimCheck scale;
  scale.id = "init_scale";
  scale.claim = "A larger initialisation moves the SNN away from the minimum nuclear norm";
  scale.paper = "The theory's bias toward low nuclear norm holds from small initialisations (docs/science.md §3)";
  std::vector<const FrontierPoint*> sorted;
  for (const FrontierPoint& p : frontier)
    if (p.gap) sorted.push_back(&p);
  std::sort(sorted.begin(), sorted.end(),
            [](const FrontierPoint* a, const FrontierPoint* b) { return a->identity_eps < b->identity_eps; });
  std::string gaps;
  for (const FrontierPoint* p : sorted)
    gaps += (gaps.empty() ? "" : ", ") + format_text("%g: %+.1f%%", p->identity_eps, 100.0 * *p->gap);
  scale.measured = sorted.size() >= 2 ? "gap by init scale " + gaps : "fewer than two runs on the frontier";
  scale.agree = sorted.size() >= 2 && *sorted.back()->gap > *sorted.front()->gap;
  scale.note = "Agrees when the largest init scale's gap exceeds the smallest's.";
  claims.push_back(scale);
  return claims;
}

}  // namespace snnsense
