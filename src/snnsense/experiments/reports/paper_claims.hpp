#pragma once
// A claim of the paper set beside what one reproduction measured: claims.json and the report's
// side-by-side table. `agree` is decided by a stated criterion, and `note` says why, including
// where the run and the paper differ, so a reader can judge the verdict rather than trust it.
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "snnsense/core/types.hpp"

namespace snnsense {

struct ClaimCheck {
  std::string id;        // stable key, e.g. "invariance"
  std::string claim;     // the claim in one sentence
  std::string paper;     // what the paper (or the reference measurement of docs/science.md) says
  std::string measured;  // what this run measured
  bool agree = false;
  std::string note;  // the criterion and why the verdict came out so

  nlohmann::json to_json() const;
};

nlohmann::json claims_to_json(const std::vector<ClaimCheck>& claims);
std::vector<ClaimCheck> claims_from_json(const nlohmann::json& json);

// A figure's evidence as it lies on disk: each run's summary.json and its diagnostics.json entry.
struct FigureEvidence {
  std::map<std::string, nlohmann::json> summaries;    // by model name, "nuclear" included
  std::map<std::string, nlohmann::json> diagnostics;  // by trained model name
  Index iterations = 0;                               // the trained models' budget
  bool quick = false;
};

// The claims behind fig1, fig2 or fig3 (docs/science.md §3 and §4).
std::vector<ClaimCheck> figure_claims(const std::string& figure, const FigureEvidence& evidence);

}  // namespace snnsense
