#pragma once
// The reports, assembled from the files of a reproduction folder only (reproduction.json,
// runs/*/summary.json, diagnostics.json, claims.json, figures/figures.json), so a report can be
// rebuilt from the folder and cannot disagree with it. Table cells come from the same functions
// that write table.md.
#include <filesystem>
#include <string>
#include <vector>

#include "snnsense/experiments/reports/report_document.hpp"

namespace snnsense {

// `figures_note` is shown in place of the figures when they could not be drawn ("" when drawn).
ReportDocument figure_report(const std::filesystem::path& dir, const std::string& figures_note);
ReportDocument init_scale_report(const std::filesystem::path& dir, const std::string& figures_note);
ReportDocument completion_report(const std::filesystem::path& dir, const std::string& figures_note);

// The page of `reproduce all`: links to each reproduction's report and every claim's verdict.
// `names` are the reproductions' folders under `dir`.
ReportDocument index_report(const std::filesystem::path& dir, const std::vector<std::string>& names);

}  // namespace snnsense
