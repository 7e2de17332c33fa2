#include "snnsense/experiments/reports/report_data.hpp"

#include <cmath>

#include "snnsense/experiments/reproduction/comparison.hpp"
#include "snnsense/experiments/reproduction/init_scale_experiment.hpp"
#include "snnsense/experiments/reports/paper_claims.hpp"
#include "snnsense/experiments/reports/text_format.hpp"
#include "snnsense/io/csv_table.hpp"
#include "snnsense/io/json_file.hpp"

namespace snnsense {

namespace fs = std::filesystem;

namespace {

std::string number(const nlohmann::json& value, const char* format) {
  return value.is_number() ? format_text(format, value.get<double>()) : "";
}

std::string field(const nlohmann::json& object, const char* key, const char* format) {
  return object.is_object() && object.contains(key) ? number(object[key], format) : "";
}

std::string grid_text(const nlohmann::json& grid) {
  if (!grid.is_array() || grid.empty()) return "";
  return format_text("%zu step sizes from %g down to %g", grid.size(), grid.front().get<double>(),
                     grid.back().get<double>());
}

std::string data_text(const nlohmann::json& d) {
  std::string truth = d["problem"] == "image"
                          ? "the image " + d["image"].get<std::string>() + " divided by its nuclear norm"
                          : format_text("synthetic X* = W W^T / ||W W^T||_*, n = %lld, rank %lld",
                                        d["n"].get<long long>(), d["rank"].get<long long>());
  const std::string op = d["operator"] == "spectral"
                             ? "well-specified (spectral) measurements A_i = Phi diag(a_i) Psi^T"
                             : "Gaussian measurement matrices";
  return format_text("Data: %s; %s, m = %lld training and as many test measurements, noise %g, seed %lld.",
                     truth.c_str(), op.c_str(), d["measurements"].get<long long>(), d["noise"].get<double>(),
                     d.value("seed", 0LL));
}

std::string model_text(const nlohmann::json& m, const nlohmann::json& summary) {
  const std::string name = m["model"];
  if (name == kConvexModel)
    return format_text("`nuclear`: %s, solved by %s, tolerance %g.", m["label"].get<std::string>().c_str(),
                       m["method"].get<std::string>().c_str(), m["tolerance"].get<double>());
  std::string probe = m["search_probe_iterations"].get<long long>() > 0
                          ? format_text("each candidate probed for %lld steps, the winner run in full",
                                        m["search_probe_iterations"].get<long long>())
                          : "each candidate run for the full budget";
  return format_text(
      "`%s`: %s; %lld GD steps; step size by the paper's search (%s; %s; the best of the first %lld "
      "that finish): chosen %s.",
      name.c_str(), m["label"].get<std::string>().c_str(), m["iterations"].get<long long>(),
      grid_text(m["lr_grid"]).c_str(), probe.c_str(), m["search_successes"].get<long long>(),
      field(summary, "lr", "%g").c_str());
}

void add_claims(ReportDocument& doc, const std::vector<ClaimCheck>& claims) {
  doc.heading("The paper's claims and this run");
  std::vector<std::vector<std::string>> rows;
  for (const ClaimCheck& c : claims) rows.push_back({c.claim, c.paper, c.measured, c.agree ? "yes" : "no", c.note});
  doc.table({"claim", "the paper", "this run", "agrees", "note"}, rows);
}

// The figures listed in `root`/`folder`/figures/figures.json, as figures of a report in `root`;
// false when none were drawn.
bool add_figure_list(ReportDocument& doc, const fs::path& root, const std::string& folder) {
  const std::string prefix = folder.empty() ? "figures/" : folder + "/figures/";
  const fs::path manifest = root / prefix / "figures.json";
  if (!fs::exists(manifest)) return false;
  const nlohmann::json figures = read_json(manifest);
  for (const nlohmann::json& f : figures["figures"])
    doc.figure(prefix + f["file"].get<std::string>(),
               f["caption"].get<std::string>() + " (also `" + prefix + f["svg"].get<std::string>() + "`)");
  return !figures["figures"].empty();
}

void add_figures(ReportDocument& doc, const fs::path& dir, const std::string& figures_note) {
  doc.heading("Figures");
  if (!figures_note.empty() || !add_figure_list(doc, dir, ""))
    doc.paragraph(figures_note.empty() ? "No figures were drawn." : figures_note);
}

std::string quick_text(const nlohmann::json& reproduction) {
  return format_text("snnsense %s, computed in %.1f s%s.", reproduction["version"].get<std::string>().c_str(),
                     reproduction["seconds"].get<double>(),
                     reproduction["quick"].get<bool>()
                         ? "; a --quick run: budgets and step-size search cut to run in seconds, rerun without "
                           "--quick for the paper's budgets"
                         : "; the paper's budgets");
}

}  // namespace

ReportDocument figure_report(const fs::path& dir, const std::string& figures_note) {
  const nlohmann::json reproduction = read_json(dir / "reproduction.json");
  ReportDocument doc(reproduction["title"].get<std::string>() + (reproduction["quick"].get<bool>() ? " (quick)" : ""));
  doc.paragraph(reproduction["about"]);

  std::vector<fs::path> run_dirs;
  for (const nlohmann::json& m : reproduction["models"])
    run_dirs.push_back(dir / "runs" / m["model"].get<std::string>());
  const ComparisonTable table = read_comparison(run_dirs, reproduction["data"]["problem"] == "image");

  doc.heading("Configuration");
  std::vector<std::string> config{data_text(reproduction["data"])};
  for (std::size_t i = 0; i < run_dirs.size(); ++i)
    config.push_back(model_text(reproduction["models"][i], table.rows[i].summary));
  config.push_back(quick_text(reproduction));
  doc.bullets(config);

  doc.heading("Results");
  doc.paragraph(
      "Every number is read from the runs' `summary.json` (`runs/<model>/summary.json`); the same table is "
      "in `table.csv` and `table.md`. Errors and losses are final values; `seconds` is the winning run's "
      "training time (the convex solver's for `nuclear`).");
  std::vector<std::vector<std::string>> rows;
  for (const ComparisonRow& row : table.rows) rows.push_back(table.cells(row));
  doc.table(table.header(), rows);

  doc.heading("Diagnostics against the convex solution");
  doc.paragraph(
      "From `diagnostics.json`: each trained run measured against `runs/nuclear` (the minimum-nuclear-norm "
      "solution) and against the minimum-Frobenius-norm interpolant A*((A A*)^+ y), where LG converges. "
      "Rates are slopes of log(loss) per iteration: of L over the last half of the trace, and of L - L_min "
      "(L_min the least-squares minimum) where the problem is well-specified.");
  const nlohmann::json diagnostics = read_json(dir / "diagnostics.json")["runs"];
  rows.clear();
  for (const nlohmann::json& m : reproduction["models"]) {
    const std::string model = m["model"];
    if (!diagnostics.contains(model)) continue;  // the convex run itself
    const nlohmann::json& d = diagnostics[model];
    if (d.is_null()) {
      rows.push_back({model, "diverged: no reconstruction", "", "", "", "", "", "", ""});
      continue;
    }
    const nlohmann::json rate = d["exponential_rate"];
    const nlohmann::json excess = d.contains("excess_loss_rate") ? d["excess_loss_rate"] : nlohmann::json(nullptr);
    rows.push_back(
        {model, field(d, "nuclear_norm", "%.6g"), field(d, "nuclear_gap", "%+.3e"),
         field(d, "distance_to_convex", "%.3e"), field(d, "kkt_residual", "%.3e"),
         field(d, "distance_to_min_frobenius", "%.3e"), field(d, "off_diagonal_max", "%.2e"),
         rate.is_null() ? "" : field(rate, "slope", "%.3e") + " (R² " + field(rate, "r_squared", "%.3f") + ")",
         excess.is_null() ? "" : field(excess, "slope", "%.3e") + " (R² " + field(excess, "r_squared", "%.3f") + ")"});
  }
  doc.table({"model", "nuclear norm", "gap to convex", "distance to convex", "KKT residual",
             "distance to min-Frobenius", "off-diagonal mass (max)", "rate of log L", "rate of log(L - L_min)"},
            rows);

  add_claims(doc, claims_from_json(read_json(dir / "claims.json")));
  add_figures(doc, dir, figures_note);

  doc.heading("Files");
  doc.bullets(
      {"`problem/`: the generated problem (`snnsense info problem`).",
       "`runs/<model>/`: one run directory per model (config.json, summary.json, X.npy, trace.csv, "
       "singular_values.csv, params.npy); `runs/nuclear` is the convex solution.",
       "`table.csv`, `table.md`: the results table; `diagnostics.json`, `claims.json`: the numbers behind "
       "the last two tables; `reproduction.json`: the recipe.",
       "`figures/`: PNG and SVG of every figure; redraw the first four with `snnsense plot runs/* --out figures`."});
  return doc;
}

ReportDocument init_scale_report(const fs::path& dir, const std::string& figures_note) {
  const nlohmann::json reproduction = read_json(dir / "reproduction.json");
  ReportDocument doc(reproduction["title"].get<std::string>() + (reproduction["quick"].get<bool>() ? " (quick)" : ""));
  doc.paragraph(
      "An experiment the paper lacks. On a well-specified, under-determined problem the paper's theorem says the SNN "
      "from the spectral initialisation converges to a KKT point of nuclear-norm minimisation; an independent "
      "implementation found the nuclear-norm gap of the limit to the convex optimum to depend strongly on the "
      "initialisation scale. This measures the gap of the converged one-layer SNN at each scale over several seeds "
      "(each seed draws its own problem and initialisation).");

  const nlohmann::json& d = reproduction["data"];
  const nlohmann::json& m = reproduction["model"];
  doc.heading("Configuration");
  std::string scales, seeds;
  for (const auto& s : reproduction["scales"])
    scales += (scales.empty() ? "" : ", ") + format_text("%g", s.get<double>());
  for (const auto& s : reproduction["seeds"]) seeds += (seeds.empty() ? "" : ", ") + std::to_string(s.get<long long>());
  doc.bullets(
      {format_text("Data per seed: synthetic X* = W W^T / ||W W^T||_*, n = %lld, rank %lld; %lld well-specified "
                   "(spectral) measurements, noise %g.",
                   d["n"].get<long long>(), d["rank"].get<long long>(), d["measurements"].get<long long>(),
                   d["noise"].get<double>()),
       format_text("Model: one-layer SNN %s, %s, %s init with u, v multiplied by the init scale (alpha unscaled).",
                   m["layers"].dump().c_str(), m["activation"].get<std::string>().c_str(),
                   m["init"].get<std::string>().c_str()),
       format_text("Training: GD until the training loss reaches %g (at most %lld steps); step size by the paper's "
                   "search (%s; each candidate probed for %lld steps, the winner run to convergence).",
                   m["loss_tolerance"].get<double>(), m["max_iterations"].get<long long>(),
                   grid_text(m["lr_grid"]).c_str(), m["search_probe_iterations"].get<long long>()),
       "Convex reference: basis pursuit, the exact minimum-nuclear-norm interpolant of a well-specified problem.",
       "Init scales: " + scales + "; seeds: " + seeds + ".", quick_text(reproduction)});

  doc.heading("Results");
  doc.paragraph(
      "The nuclear-norm gap (||X||_* - ||X_cvx||_*) / ||X_cvx||_* per scale: mean ± sample standard "
      "deviation over the seeds (`table.csv`, `table.md`).");
  std::vector<std::vector<std::string>> rows;
  for (const InitScalePoint& p : read_init_scale_table(dir / "table.csv")) rows.push_back(init_scale_table_cells(p));
  doc.table(init_scale_table_header(), rows);

  doc.paragraph("Every run (`results.csv`; run directories under `runs/seed-<k>/scale-<s>/`):");
  const CsvTable results = read_csv_table(dir / "results.csv");
  const std::vector<double> scale = results.column("scale"), seed = results.column("seed"),
                            iterations = results.column("iterations"), lr = results.column("lr"),
                            loss = results.column("final_loss"), gap = results.column("nuclear_gap"),
                            distance = results.column("distance_to_convex"), kkt = results.column("kkt_residual"),
                            off = results.column("off_diagonal_max");
  const std::vector<std::string>& status = results.text_column("status");
  rows.clear();
  for (std::size_t i = 0; i < scale.size(); ++i)
    rows.push_back({format_text("%g", scale[i]), format_text("%.0f", seed[i]), status[i],
                    format_text("%.0f", iterations[i]), format_text("%g", lr[i]), format_text("%.3e", loss[i]),
                    format_text("%+.3f%%", 100.0 * gap[i]), format_text("%.3e", distance[i]),
                    format_text("%.3e", kkt[i]), format_text("%.1e", off[i])});
  doc.table({"init scale", "seed", "status", "steps", "lr", "final loss", "nuclear-norm gap", "distance to convex",
             "KKT residual", "off-diagonal mass (max)"},
            rows);

  add_claims(doc, claims_from_json(read_json(dir / "claims.json")));
  add_figures(doc, dir, figures_note);
  return doc;
}

ReportDocument completion_report(const fs::path& dir, const std::string& figures_note) {
  const nlohmann::json reproduction = read_json(dir / "reproduction.json");
  ReportDocument doc(reproduction["title"].get<std::string>() + (reproduction["quick"].get<bool>() ? " (quick)" : ""));
  doc.paragraph(
      "Beyond the paper, which completes nothing larger than a 28 x 28 image: Fashion-MNIST's training images as "
      "the rows of one matrix, a fraction of its entries observed, the rest to be predicted. The factored SNN "
      "against Burer-Monteiro and soft-impute (nuclear-norm-regularised least squares along a path of lambdas, "
      "the convex reference), and the paper's question at this scale: does gradient descent on the SNN land near "
      "the minimum-nuclear-norm completion at its own training error, and how does the init scale move it?");

  const nlohmann::json& d = reproduction["data"];
  doc.heading("Configuration");
  std::vector<std::string> items{
      format_text("Data: the first %lld Fashion-MNIST training images, one per row (%lld x 784), pixels / 255; "
                  "%g of the entries observed for training, %lld held out, drawn with seed %lld; no noise added.",
                  d["images"].get<long long>(), d["images"].get<long long>(), d["fraction"].get<double>(),
                  d["test"].get<long long>(), d["seed"].get<long long>())};
  for (const nlohmann::json& r : reproduction["runs"]) {
    std::string rule = r.value("early-stopping", 0LL) > 0
                           ? format_text(", early stopping after %lld held-out checks without improvement (every "
                                         "%lld steps; the best iterate kept)",
                                         r["early-stopping"].get<long long>(), r["early-stopping-every"].get<long long>())
                           : "";
    const std::string lr = r["lr_search"].get<bool>() ? "step size searched" : "step size " + number(r["lr"], "%g");
    items.push_back(format_text("`%s`: %s; at most %lld GD steps, %s%s.", r["name"].get<std::string>().c_str(),
                                r["label"].get<std::string>().c_str(), r["iters"].get<long long>(), lr.c_str(),
                                rule.c_str()));
  }
  const nlohmann::json& soft = reproduction["soft_impute"];
  items.push_back(format_text("`nuclear`: soft-impute along %lld lambdas from lambda_max down to %g lambda_max, rank "
                              "at most %lld, relative-change tolerance %g, at most %lld iterations per lambda; the "
                              "lambda with the smallest held-out RMSE is reported (`runs/nuclear/lambda_path.csv`).",
                              soft["path-length"].get<long long>(), soft["path-ratio"].get<double>(),
                              soft["max-rank"].get<long long>(), soft["tol"].get<double>(),
                              soft["max-iters"].get<long long>()));
  items.push_back(quick_text(reproduction));
  doc.bullets(items);

  doc.heading("Results");
  doc.paragraph("Errors on the observed (train) and held-out (test) entries in pixel units / 255, and wall time "
                "(`table.csv`, `table.md`; each run's directory under `runs/`).");
  std::vector<std::string> names;
  for (const nlohmann::json& r : reproduction["runs"]) names.push_back(r["name"].get<std::string>());
  names.push_back(kConvexModel);
  std::vector<fs::path> run_dirs;
  for (const std::string& name : names) run_dirs.push_back(dir / "runs" / name);
  const ComparisonTable table = read_comparison(run_dirs, false);
  std::vector<std::vector<std::string>> rows;
  for (const ComparisonRow& row : table.rows) rows.push_back(table.cells(row));
  doc.table(table.header(), rows);

  doc.paragraph("Each SNN run against soft-impute's frontier (`frontier.csv`): its nuclear norm beside the smallest "
                "nuclear norm soft-impute's path reaches at the same training RMSE (the path interpolated linearly "
                "between two lambdas: a chord on or above the convex frontier, so the gap is a lower bound).");
  const CsvTable frontier = read_csv_table(dir / "frontier.csv");
  rows.clear();
  const std::vector<double> eps = frontier.column("identity_eps"), rmse = frontier.column("train_rmse"),
                            nuclear = frontier.column("nuclear_norm"), path = frontier.column("frontier_nuclear_norm"),
                            gap = frontier.column("gap");
  const std::vector<std::string>& run = frontier.text_column("run");
  for (std::size_t i = 0; i < eps.size(); ++i)
    rows.push_back({run[i], format_text("%g", eps[i]), format_text("%.4f", rmse[i]), format_text("%.5g", nuclear[i]),
                    std::isfinite(path[i]) ? format_text("%.5g", path[i]) : "outside the path",
                    std::isfinite(gap[i]) ? format_text("%+.2f%%", 100.0 * gap[i]) : ""});
  doc.table({"run", "init scale (eps)", "train RMSE", "nuclear norm", "soft-impute's at that RMSE", "gap"}, rows);

  add_claims(doc, claims_from_json(read_json(dir / "claims.json")));
  add_figures(doc, dir, figures_note);
  return doc;
}

ReportDocument index_report(const fs::path& dir, const std::vector<std::string>& names) {
  ReportDocument doc("snnsense: the paper's experiments, reproduced");
  doc.paragraph(
      "Chu, Ghosh, Lam, Mukherjee, Implicit Regularization via Spectral Neural Networks and Non-linear "
      "Matrix Sensing (ICML 2024, arXiv 2402.17595). One folder per reproduction, each with its own report:");
  std::vector<ReportLink> links;
  std::vector<std::vector<std::string>> rows;
  for (const std::string& name : names) {
    const nlohmann::json reproduction = read_json(dir / name / "reproduction.json");
    links.push_back({reproduction["title"].get<std::string>(), name + "/report.md", name + "/report.html"});
    for (const ClaimCheck& c : claims_from_json(read_json(dir / name / "claims.json")))
      rows.push_back({name, c.claim, c.measured, c.agree ? "yes" : "no"});
  }
  doc.links(links);
  doc.heading("Every claim at a glance");
  doc.table({"reproduction", "claim", "this run", "agrees"}, rows);
  // The figures too, so that report.html alone shows everything (each is embedded once more).
  for (const std::string& name : names) {
    const nlohmann::json reproduction = read_json(dir / name / "reproduction.json");
    doc.heading("Figures of " + name + ": " + reproduction["title"].get<std::string>());
    if (!add_figure_list(doc, dir, name)) doc.paragraph("No figures were drawn; see `" + name + "/report.md`.");
  }
  return doc;
}

}  // namespace snnsense
