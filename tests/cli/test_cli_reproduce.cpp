// `snnsense reproduce` and `snnsense plot` as a user runs them: `reproduce all --quick` once (about
// 45 s on 2 cores), then every expected file, the figures' pixel sizes, the report's numbers
// against the runs' summary.json, the paper's qualitative result, and the bad-input contract.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <sstream>

#include "../io/temp_dir.hpp"
#include "cli_test_support.hpp"
#include "same_except_timing.hpp"
#include "snnsense/io/csv_table.hpp"
#include "snnsense/io/image.hpp"
#include "snnsense/io/json_file.hpp"

using namespace snnsense;
using snnsense::testing::CommandResult;
using snnsense::testing::expect_one_line_error;
using snnsense::testing::run_command;
using snnsense::testing::run_snnsense;
namespace fs = std::filesystem;

namespace {

const std::vector<std::string> kReproductions{"fig1", "fig2", "fig3", "init-scale", "completion"};

std::vector<std::string> split_row(const std::string& line) {
  std::vector<std::string> cells;
  std::stringstream in(line.substr(1));  // after the leading '|'
  for (std::string cell; std::getline(in, cell, '|');) {
    const auto first = cell.find_first_not_of(' '), last = cell.find_last_not_of(' ');
    cells.push_back(first == std::string::npos ? "" : cell.substr(first, last - first + 1));
  }
  return cells;
}

// The Markdown table whose header starts with `first_column`, as rows of cells (header first).
std::vector<std::vector<std::string>> markdown_table(const std::string& text, const std::string& first_column) {
  std::vector<std::vector<std::string>> rows;
  std::stringstream in(text);
  bool inside = false;
  for (std::string line; std::getline(in, line);) {
    if (!inside && line.rfind("| " + first_column + " |", 0) == 0) inside = true;
    if (!inside) continue;
    if (line.empty() || line[0] != '|') break;
    if (line.find("| --- |") == std::string::npos) rows.push_back(split_row(line));
  }
  return rows;
}

double cell_number(const std::string& cell) {
  std::size_t used = 0;
  const double value = std::stod(cell, &used);
  EXPECT_EQ(used, cell.size()) << cell;
  return value;
}

// Half a unit in the last printed place: "4.535e-05" -> 5e-9, "26.64" -> 5e-3, "28" -> 0.5.
double half_last_place(const std::string& cell) {
  const auto e = cell.find_first_of("eE");
  const std::string mantissa = cell.substr(0, e);
  const auto dot = mantissa.find('.');
  const int decimals = dot == std::string::npos ? 0 : static_cast<int>(mantissa.size() - dot - 1);
  const int exponent = e == std::string::npos ? 0 : std::stoi(cell.substr(e + 1));
  return 0.5 * std::pow(10.0, exponent - decimals);
}

// A printed number is the full one rounded to the digits printed.
void expect_printed(const std::string& cell, double value, const std::string& what) {
  EXPECT_LE(std::abs(cell_number(cell) - value), half_last_place(cell) * (1 + 1e-9))
      << what << ": " << cell << " vs " << value;
}

void check_every_file_is_there_and_non_empty(const fs::path& out) {
  std::vector<fs::path> files{out / "report.md", out / "report.html"};
  for (const char* fig : {"fig1", "fig2", "fig3"}) {
    const fs::path d = out / fig;
    for (const char* f :
         {"problem/problem.json", "table.csv", "table.md", "diagnostics.json", "claims.json", "reproduction.json",
          "report.md", "report.html", "figures/figures.json", "runs/nuclear/summary.json", "runs/nuclear/X.npy"})
      files.push_back(d / f);
    for (const char* f : {"config.json", "summary.json", "X.npy", "params.npy", "trace.csv", "singular_values.csv"})
      files.push_back(d / "runs" / "snn" / f);
  }
  for (const char* f : {"loss", "nuclear_norm", "singular_values", "error_rank"})
    for (const char* ext : {".png", ".svg"})
      for (const char* fig : {"fig1", "fig2", "fig3"}) files.push_back(out / fig / "figures" / (f + std::string(ext)));
  for (const char* ext : {".png", ".svg"}) {
    files.push_back(out / "fig3" / "figures" / ("reconstructions" + std::string(ext)));
    files.push_back(out / "fig1" / "figures" / ("invariance_rate" + std::string(ext)));
    files.push_back(out / "init-scale" / "figures" / ("init_scale" + std::string(ext)));
  }
  for (const char* model : {"lg", "df"}) files.push_back(out / "fig2" / "runs" / model / "trace.csv");
  files.push_back(out / "fig3" / "runs" / "snn" / "X.png");
  for (const char* f :
       {"results.csv", "table.csv", "table.md", "diagnostics.json", "claims.json", "report.md", "report.html",
        "problems/seed-0/problem.json", "runs/seed-2/scale-0.01/summary.json", "runs/seed-2/nuclear/X.npy"})
    files.push_back(out / "init-scale" / f);
  for (const char* f : {"problem/problem.json", "table.csv", "table.md", "frontier.csv", "claims.json", "report.md",
                        "report.html", "runs/nuclear/lambda_path.csv", "runs/nuclear/X_left.npy", "runs/snn/trace.csv",
                        "runs/bm/summary.json", "figures/frontier.png", "figures/rmse.png"})
    files.push_back(out / "completion" / f);
  for (const fs::path& f : files) {
    ASSERT_TRUE(fs::exists(f)) << f;
    EXPECT_GT(fs::file_size(f), 0u) << f;
  }
  // Only the committed folders remain: no staging directories left behind.
  for (const auto& entry : fs::directory_iterator(out)) EXPECT_NE(entry.path().filename().string()[0], '.');
}

void check_png_sizes_are_those_asked_of_matplotlib(const fs::path& out) {
  // figsize (inches) x 100 dpi, as snnsense_plot.py asks for them.
  const std::map<std::string, std::pair<int, int>> fixed{{"loss.png", {400, 640}},
                                                         {"nuclear_norm.png", {400, 640}},
                                                         {"error_rank.png", {400, 1100}},
                                                         {"invariance_rate.png", {400, 1100}},
                                                         {"init_scale.png", {440, 640}}};
  int checked = 0;
  for (const std::string& name : kReproductions) {
    const auto manifest = read_json(out / name / "figures" / "figures.json");
    ASSERT_FALSE(manifest["figures"].empty()) << name;
    for (const auto& f : manifest["figures"]) {
      const std::string file = f["file"];
      const Matrix pixels = read_image(out / name / "figures" / file);
      EXPECT_EQ(pixels.rows(), f["height"].get<int>()) << name << "/" << file;
      EXPECT_EQ(pixels.cols(), f["width"].get<int>()) << name << "/" << file;
      if (const auto it = fixed.find(file); it != fixed.end()) {
        EXPECT_EQ(pixels.rows(), it->second.first) << name << "/" << file;
        EXPECT_EQ(pixels.cols(), it->second.second) << name << "/" << file;
        ++checked;
      }
    }
  }
  // loss, nuclear norm, error/rank per figure; invariance; init scale; completion's loss
  EXPECT_EQ(checked, 3 * 3 + 1 + 1 + 1);
  // One panel per model: ground truth, SNN, LG, convex at 2.6 x 3.2 inches; SNN and LG at 4.2 x 3.6.
  EXPECT_EQ(read_image(out / "fig3" / "figures" / "reconstructions.png").cols(), 1040);
  EXPECT_EQ(read_image(out / "fig3" / "figures" / "reconstructions.png").rows(), 320);
  EXPECT_EQ(read_image(out / "fig3" / "figures" / "singular_values.png").cols(), 840);
}

void check_report_tables_hold_the_runs_own_numbers(const fs::path& out) {
  const std::map<std::string, std::vector<std::string>> models{
      {"fig1", {"snn", "nuclear"}}, {"fig2", {"snn", "lg", "df", "nuclear"}}, {"fig3", {"snn", "lg", "nuclear"}}};
  for (const auto& [fig, names] : models) {
    const std::string report = snnsense::testing::slurp(out / fig / "report.md");
    const auto rows = markdown_table(report, "model");
    ASSERT_EQ(rows.size(), names.size() + 1) << fig;
    const std::vector<std::string>& header = rows[0];
    for (std::size_t r = 1; r < rows.size(); ++r) {
      const std::string& model = rows[r][0];
      EXPECT_EQ(model, names[r - 1]);
      const auto summary = read_json(out / fig / "runs" / model / "summary.json");
      for (std::size_t c = 1; c < header.size(); ++c) {
        const std::string what = fig + " " + model + " " + header[c];
        if (header[c] == "status") {
          EXPECT_EQ(rows[r][c], summary["status"].get<std::string>()) << what;
        } else if (header[c] == "seconds") {
          expect_printed(rows[r][c], summary["seconds"].get<double>(), what);
        } else if (summary["final"][header[c]].is_number()) {
          expect_printed(rows[r][c], summary["final"][header[c]].get<double>(), what);
        } else {
          EXPECT_EQ(rows[r][c], "") << what;
        }
      }
    }
    // The report shows the very table of table.md.
    EXPECT_NE(report.find(snnsense::testing::slurp(out / fig / "table.md")), std::string::npos) << fig;
  }
}

// The completion report's tables are the runs' own numbers, and each SNN run's gap is measured
// against soft-impute's path as lambda_path.csv records it.
void check_completion_report_and_frontier(const fs::path& out) {
  const fs::path dir = out / "completion";
  const std::string report = snnsense::testing::slurp(dir / "report.md");
  EXPECT_NE(report.find(snnsense::testing::slurp(dir / "table.md")), std::string::npos);
  const auto rows = markdown_table(report, "model");
  const std::vector<std::string> names{"bm", "snn", "snn-eps-0.01", "snn-eps-1", "nuclear"};
  ASSERT_EQ(rows.size(), names.size() + 1);
  const std::vector<std::string>& header = rows[0];
  for (std::size_t r = 1; r < rows.size(); ++r) {
    EXPECT_EQ(rows[r][0], names[r - 1]);
    const auto summary = read_json(dir / "runs" / rows[r][0] / "summary.json");
    for (const char* column : {"train_rmse", "test_rmse", "nuclear_norm"}) {
      const auto c = std::find(header.begin(), header.end(), column);
      ASSERT_NE(c, header.end()) << column;
      expect_printed(rows[r][static_cast<std::size_t>(c - header.begin())], summary["final"][column].get<double>(),
                     rows[r][0] + " " + column);
    }
  }

  const CsvTable path = read_csv_table(dir / "runs" / "nuclear" / "lambda_path.csv");
  const std::vector<double> rmse = path.column("train_rmse"), nuclear = path.column("nuclear_norm");
  const CsvTable frontier = read_csv_table(dir / "frontier.csv");
  ASSERT_EQ(frontier.text_column("run"), (std::vector<std::string>{"snn", "snn-eps-0.01", "snn-eps-1"}));
  for (std::size_t i = 0; i < 3; ++i) {
    const std::string& run = frontier.text_column("run")[i];
    const auto summary = read_json(dir / "runs" / run / "summary.json");
    const double t = summary["final"]["train_rmse"].get<double>();
    EXPECT_EQ(frontier.column("train_rmse")[i], t) << run;
    EXPECT_EQ(frontier.column("nuclear_norm")[i], summary["final"]["nuclear_norm"].get<double>()) << run;
    // The path's chord around t, found here independently of the library's search.
    double below = -1, above = 1e300, nu_below = 0, nu_above = 0;
    for (std::size_t k = 0; k < rmse.size(); ++k) {
      if (rmse[k] <= t && rmse[k] > below) below = rmse[k], nu_below = nuclear[k];
      if (rmse[k] >= t && rmse[k] < above) above = rmse[k], nu_above = nuclear[k];
    }
    if (below < 0 || above > 1e299) {
      EXPECT_TRUE(std::isnan(frontier.column("gap")[i])) << run;
      continue;
    }
    const double chord = above == below ? nu_below : nu_below + (t - below) / (above - below) * (nu_above - nu_below);
    EXPECT_NEAR(frontier.column("frontier_nuclear_norm")[i], chord, 1e-9 * chord) << run;
    EXPECT_NEAR(frontier.column("gap")[i], (frontier.column("nuclear_norm")[i] - chord) / chord, 1e-9) << run;
  }
}

void check_init_scale_report_holds_mean_and_std_of_the_runs(const fs::path& out) {
  const CsvTable results = read_csv_table(out / "init-scale" / "results.csv");
  ASSERT_EQ(results.column("scale").size(), 15u);  // 5 scales x 3 seeds with --quick
  const auto rows = markdown_table(snnsense::testing::slurp(out / "init-scale" / "report.md"), "init scale");
  ASSERT_EQ(rows.size(), 6u);
  for (std::size_t r = 1; r < rows.size(); ++r) {
    const double scale = cell_number(rows[r][0]);
    std::vector<double> gaps;
    for (std::size_t i = 0; i < results.column("scale").size(); ++i)
      if (results.column("scale")[i] == scale) gaps.push_back(100.0 * results.column("nuclear_gap")[i]);
    ASSERT_EQ(gaps.size(), 3u) << scale;
    const double mean = (gaps[0] + gaps[1] + gaps[2]) / 3.0;
    double squares = 0.0;
    for (double g : gaps) squares += (g - mean) * (g - mean);
    const std::string& cell = rows[r][3];  // "+0.331% ± 0.162%"
    const auto pm = cell.find("± ");
    ASSERT_NE(pm, std::string::npos) << cell;
    expect_printed(cell.substr(0, cell.find('%')), mean, "mean gap at " + rows[r][0]);
    expect_printed(cell.substr(pm + 3, cell.rfind('%') - pm - 3), std::sqrt(squares / 2.0), "std at " + rows[r][0]);
  }
}

void check_snn_far_ahead_of_lg_on_the_image(const fs::path& out) {
  const auto snn = read_json(out / "fig3" / "runs" / "snn" / "summary.json");
  const auto lg = read_json(out / "fig3" / "runs" / "lg" / "summary.json");
  EXPECT_GT(snn["final"]["psnr"].get<double>(), lg["final"]["psnr"].get<double>() + 5.0);
  const auto claims = read_json(out / "fig3" / "claims.json")["claims"];
  ASSERT_FALSE(claims.empty());
  EXPECT_EQ(claims[0]["id"], "snn-far-ahead-of-lg");
  EXPECT_TRUE(claims[0]["agree"].get<bool>());
}

void check_claims_and_diagnostics(const fs::path& out) {
  for (const std::string& name : kReproductions) {
    // The document lives as long as the loop: a range over a temporary's member would dangle.
    const nlohmann::json claims = read_json(out / name / "claims.json");
    for (const auto& c : claims["claims"]) {
      for (const char* key : {"id", "claim", "paper", "measured", "note"})
        EXPECT_FALSE(c[key].get<std::string>().empty()) << name << " " << key;
      EXPECT_TRUE(c["agree"].is_boolean());
    }
  }
  // fig1: the invariance holds to round-off along the trace (the paper's theorem, measured).
  const auto fig1 = read_json(out / "fig1" / "diagnostics.json")["runs"]["snn"];
  EXPECT_LT(fig1["off_diagonal_max"].get<double>(), 1e-10);
  EXPECT_LT(fig1["excess_loss_rate"]["slope"].get<double>(), 0.0);
  // The claims' side-by-side table is in the report and in the index of `all`.
  EXPECT_NE(snnsense::testing::slurp(out / "fig1" / "report.md").find("| claim | the paper | this run | agrees |"),
            std::string::npos);
  EXPECT_NE(snnsense::testing::slurp(out / "report.md").find("fig3/report.md"), std::string::npos);
}

void check_html_reports_are_self_contained(const fs::path& out) {
  for (const std::string& name : kReproductions) {
    const std::string html = snnsense::testing::slurp(out / name / "report.html");
    const auto manifest = read_json(out / name / "figures" / "figures.json");
    std::size_t embedded = 0;
    for (std::size_t at = html.find("src=\"data:image/png;base64,"); at != std::string::npos;
         at = html.find("src=\"data:image/png;base64,", at + 1))
      ++embedded;
    EXPECT_EQ(embedded, manifest["figures"].size()) << name;
    EXPECT_EQ(html.find("src=\"figures/"), std::string::npos) << name;
  }
}

void check_existing_folders_need_force(const fs::path& out) {
  expect_one_line_error(run_snnsense({"reproduce", "fig1", "--quick", "--out", out.string()}), "already exists");
  expect_one_line_error(run_snnsense({"reproduce", "all", "--quick", "--out", out.string()}), "already exists");
}

void check_plot_redraws_figures_of_any_runs(const fs::path& out) {
  const fs::path figures = out.parent_path() / "plot";
  const fs::path runs = out / "fig2" / "runs";
  const CommandResult r = run_snnsense({"plot", (runs / "snn").string(), (runs / "lg").string(),
                                        (runs / "nuclear").string(), "--out", figures.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  for (const char* f : {"loss.png", "loss.svg", "nuclear_norm.png", "singular_values.png", "error_rank.png"})
    EXPECT_GT(fs::file_size(figures / f), 0u) << f;
  EXPECT_EQ(read_image(figures / "loss.png").cols(), 640);
  EXPECT_EQ(read_image(figures / "singular_values.png").cols(), 840);  // two trained runs

  // --force, as the folder exists now; the failed drawing leaves the figures there as they were.
  const CommandResult missing = run_command({"env", "SNNSENSE_PYTHON=/nonexistent/python3", SNNSENSE_CLI, "plot",
                                             (runs / "snn").string(), "--out", figures.string(), "--force"});
  expect_one_line_error(missing, "python3-matplotlib");
  EXPECT_GT(fs::file_size(figures / "error_rank.png"), 0u);
  expect_one_line_error(run_snnsense({"plot", (runs / "nowhere").string()}), "nowhere");
}

}  // namespace

// One quick reproduction of everything, checked from every side: ctest runs each TEST in its own
// process, so separate tests would each pay for the reproduction.
// A completion reproduction killed after its second kept run (soft-impute, then bm) takes both
// when run again, runs only the SNNs, and leaves no completion.partial behind.
TEST(ReproduceCli, KilledCompletionRerunsOnlyWhatWasNotKept) {
  snnsense::testing::TempDir dir;
  const fs::path out = dir / "out";
  const CommandResult killed = run_command({"env", "SNNSENSE_TEST_KILL_AFTER_RUNS=2", SNNSENSE_CLI, "reproduce",
                                            "completion", "--quick", "--out", out.string()});
  EXPECT_NE(killed.exit_code, 0);
  EXPECT_FALSE(fs::exists(out / "completion"));
  const fs::path partial = out / "completion.partial";
  ASSERT_TRUE(fs::exists(partial / "nuclear" / "summary.json"));
  ASSERT_TRUE(fs::exists(partial / "bm" / "summary.json"));
  EXPECT_FALSE(fs::exists(partial / "snn"));
  const std::string bm = snnsense::testing::slurp(partial / "bm" / "summary.json");

  const CommandResult again = run_snnsense({"reproduce", "completion", "--quick", "--out", out.string()});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(again.err.find("soft-impute's path kept from an earlier run"), std::string::npos) << again.err;
  EXPECT_EQ(again.err.find("completion: training bm"), std::string::npos) << again.err;
  EXPECT_NE(again.err.find("completion: training snn"), std::string::npos) << again.err;
  EXPECT_EQ(snnsense::testing::slurp(out / "completion" / "runs" / "bm" / "summary.json"), bm);
  EXPECT_FALSE(fs::exists(partial));
  EXPECT_TRUE(fs::exists(out / "completion" / "frontier.csv"));
}

// A figure killed (SIGKILL) after its second kept run takes snn and lg from fig2.partial when run
// again, trains only the rest, and ends with the files an uninterrupted run writes.
TEST(ReproduceCli, KilledFigureRerunsOnlyTheUnfinishedRuns) {
  snnsense::testing::TempDir dir;
  const fs::path out = dir / "out", clean = dir / "clean";
  // The uninterrupted run in the same place first, so that both record the same problem path.
  const CommandResult whole = run_snnsense({"reproduce", "fig2", "--quick", "--out", out.string()});
  ASSERT_EQ(whole.exit_code, 0) << whole.err;
  fs::rename(out, clean);

  const CommandResult killed = run_command({"env", "SNNSENSE_TEST_KILL_AFTER_RUNS=2", SNNSENSE_CLI, "reproduce",
                                            "fig2", "--quick", "--out", out.string()});
  EXPECT_EQ(killed.exit_code, 137) << killed.err;  // 128 + SIGKILL
  EXPECT_FALSE(fs::exists(out / "fig2"));
  const fs::path partial = out / "fig2.partial";
  ASSERT_TRUE(fs::exists(partial / "snn" / "summary.json"));
  ASSERT_TRUE(fs::exists(partial / "lg" / "summary.json"));
  EXPECT_FALSE(fs::exists(partial / "df"));
  const std::string snn = snnsense::testing::slurp(partial / "snn" / "summary.json");

  const CommandResult again = run_snnsense({"reproduce", "fig2", "--quick", "--out", out.string()});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(again.err.find("fig2: training snn"), std::string::npos) << again.err;
  EXPECT_EQ(again.err.find("fig2: training lg"), std::string::npos) << again.err;
  EXPECT_NE(again.err.find("fig2: training df"), std::string::npos) << again.err;
  EXPECT_NE(again.err.find("fig2: snn max_iterations"), std::string::npos) << again.err;
  // The kept run is the killed run's own, timings included.
  EXPECT_EQ(snnsense::testing::slurp(out / "fig2" / "runs" / "snn" / "summary.json"), snn);
  EXPECT_FALSE(fs::exists(partial));
  snnsense::testing::expect_same_except_timing(clean / "fig2", out / "fig2");
}

// `reproduce all` killed inside init-scale (fig1, fig2 and fig3, 9 runs, are committed; the count
// starts again with each reproduction) and run again: the finished reproductions are kept as they
// are, init-scale makes only the runs it had not kept, and its files are those of an
// uninterrupted init-scale.
TEST(ReproduceCli, KilledAllRerunsOnlyTheUnfinishedRuns) {
  snnsense::testing::TempDir dir;
  const fs::path out = dir / "out", clean = dir / "clean";
  const CommandResult whole = run_snnsense({"reproduce", "init-scale", "--quick", "--out", out.string()});
  ASSERT_EQ(whole.exit_code, 0) << whole.err;
  fs::rename(out, clean);

  const CommandResult killed = run_command({"env", "SNNSENSE_TEST_KILL_AFTER_RUNS=8", SNNSENSE_CLI, "reproduce",
                                            "all", "--quick", "--out", out.string()});
  EXPECT_EQ(killed.exit_code, 137) << killed.err;
  for (const char* fig : {"fig1", "fig2", "fig3"}) EXPECT_TRUE(fs::exists(out / fig / "report.md")) << fig;
  EXPECT_FALSE(fs::exists(out / "init-scale"));
  // Seed 0's convex solution and five scales, seed 1's convex solution and its first scale.
  const fs::path partial = out / "init-scale.partial";
  EXPECT_TRUE(fs::exists(partial / "seed-1" / "scale-1" / "summary.json"));
  EXPECT_FALSE(fs::exists(partial / "seed-1" / "scale-0.3"));
  const std::string fig1 = snnsense::testing::slurp(out / "fig1" / "reproduction.json");

  const CommandResult again = run_snnsense({"reproduce", "all", "--quick", "--out", out.string()});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(again.err.find("fig1: kept, finished by an earlier run"), std::string::npos) << again.err;
  EXPECT_EQ(again.err.find("fig3: training"), std::string::npos) << again.err;
  EXPECT_EQ(again.err.find("init-scale: training seed-1/scale-1,"), std::string::npos) << again.err;
  EXPECT_NE(again.err.find("init-scale: training seed-1/scale-0.3,"), std::string::npos) << again.err;
  EXPECT_NE(again.out.find("fig1: "), std::string::npos) << again.out;  // its claims, read back
  EXPECT_EQ(snnsense::testing::slurp(out / "fig1" / "reproduction.json"), fig1);
  EXPECT_FALSE(fs::exists(partial));
  EXPECT_TRUE(fs::exists(out / "report.html"));
  EXPECT_TRUE(fs::exists(out / "completion" / "report.md"));
  snnsense::testing::expect_same_except_timing(clean / "init-scale", out / "init-scale");
}

TEST(ReproduceCli, QuickReproductionOfAll) {
  snnsense::testing::TempDir dir;
  const fs::path out = dir / "out";
  const CommandResult r = run_snnsense({"reproduce", "all", "--quick", "--out", out.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("all: report " + (out / "report.html").string()), std::string::npos) << r.out;
  EXPECT_NE(r.err.find("fig3: training snn"), std::string::npos) << r.err;  // progress, one line per step
  {
    SCOPED_TRACE("check_every_file_is_there_and_non_empty");
    check_every_file_is_there_and_non_empty(out);
  }
  {
    SCOPED_TRACE("check_png_sizes_are_those_asked_of_matplotlib");
    check_png_sizes_are_those_asked_of_matplotlib(out);
  }
  {
    SCOPED_TRACE("check_report_tables_hold_the_runs_own_numbers");
    check_report_tables_hold_the_runs_own_numbers(out);
  }
  {
    SCOPED_TRACE("check_init_scale_report_holds_mean_and_std_of_the_runs");
    check_init_scale_report_holds_mean_and_std_of_the_runs(out);
  }
  {
    SCOPED_TRACE("check_completion_report_and_frontier");
    check_completion_report_and_frontier(out);
  }
  {
    SCOPED_TRACE("check_snn_far_ahead_of_lg_on_the_image");
    check_snn_far_ahead_of_lg_on_the_image(out);
  }
  {
    SCOPED_TRACE("check_claims_and_diagnostics");
    check_claims_and_diagnostics(out);
  }
  {
    SCOPED_TRACE("check_html_reports_are_self_contained");
    check_html_reports_are_self_contained(out);
  }
  {
    SCOPED_TRACE("check_existing_folders_need_force");
    check_existing_folders_need_force(out);
  }
  {
    SCOPED_TRACE("check_plot_redraws_figures_of_any_runs");
    check_plot_redraws_figures_of_any_runs(out);
  }
}

TEST(ReproduceCliInput, UnknownNameGetsOneLine) {
  snnsense::testing::TempDir dir;
  expect_one_line_error(run_snnsense({"reproduce", "fig4", "--out", (dir / "out").string()}),
                        "unknown reproduction 'fig4'");
  EXPECT_FALSE(fs::exists(dir / "out" / "fig4"));
}

TEST(ReproduceCliInput, UnwritableDirIsNamed) {
  snnsense::testing::TempDir dir;
  snnsense::testing::write_bytes(dir / "file", "not a folder");
  const fs::path bad = dir / "file" / "out";
  expect_one_line_error(run_snnsense({"reproduce", "fig3", "--quick", "--out", bad.string()}), bad.string());
}

TEST(ReproduceCliInput, MissingPlottingToolStillWritesTablesAndReport) {
  snnsense::testing::TempDir dir;
  const fs::path out = dir / "out";
  const CommandResult r = run_command({"env", "SNNSENSE_PYTHON=/nonexistent/python3", SNNSENSE_CLI, "reproduce", "fig2",
                                       "--quick", "--out", out.string()});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("warning: figures not drawn"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("python3-matplotlib"), std::string::npos) << r.err;
  for (const char* f : {"table.csv", "table.md", "claims.json", "diagnostics.json", "report.md", "report.html"})
    EXPECT_GT(fs::file_size(out / "fig2" / f), 0u) << f;
  EXPECT_FALSE(fs::exists(out / "fig2" / "figures" / "figures.json"));
  const std::string report = snnsense::testing::slurp(out / "fig2" / "report.md");
  EXPECT_NE(report.find("Figures were not drawn"), std::string::npos);
  EXPECT_EQ(markdown_table(report, "model").size(), 5u);  // header, snn, lg, df, nuclear
}

TEST(ReproduceCliInput, PythonWithoutMatplotlibIsToldApartFromAFailure) {
  snnsense::testing::TempDir dir;
  // -S leaves out the site packages, where Debian installs numpy and matplotlib.
  const fs::path python = dir / "python-without-site";
  snnsense::testing::write_bytes(python, "#!/bin/sh\nexec /usr/bin/python3 -S \"$@\"\n");
  fs::permissions(python, fs::perms::owner_all);
  const fs::path run = dir / "snn";
  ASSERT_EQ(run_snnsense({"generate", "--n", "5", "--rank", "1", "--measurements", "12", "--out", (dir / "p").string()})
                .exit_code,
            0);
  ASSERT_EQ(
      run_snnsense({"train", "--problem", (dir / "p").string(), "--iters", "20", "--out", run.string()}).exit_code, 0);
  const CommandResult r = run_command({"env", "SNNSENSE_PYTHON=" + python.string(), SNNSENSE_CLI, "plot", run.string(),
                                       "--out", (dir / "figures").string()});
  expect_one_line_error(r, "python3-matplotlib");
  EXPECT_NE(r.err.find("cannot import"), std::string::npos) << r.err;
}
