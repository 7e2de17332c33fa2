#include <algorithm>

#include "snnsense/core/enum_names.hpp"
#include "snnsense/core/error.hpp"
#include "snnsense/experiments/reproduction/convex_run.hpp"
#include "snnsense/experiments/reproduction/figure_recipe.hpp"

namespace snnsense {

namespace {

TrainingJob paper_job(const std::string& model, Index full_iterations, Index quick_iterations, bool quick) {
  TrainingJob job;
  job.model = model;
  job.train.iterations = quick ? quick_iterations : full_iterations;
  job.search_step_size = true;
  // The reproduction keeps the paper's grid as it is, unplaced.
  job.search.placement = GridPlacement::fixed;
  if (quick) job.search = quick_search(job.train.iterations);
  return job;
}

GenerateOptions synthetic_data(const std::string& design) {
  GenerateOptions g;
  g.problem = "synthetic";
  g.design = design;
  g.n = 10;
  g.rank = 6;
  g.measurements = 75;
  g.noise_abs = 0.01;  // the paper's absolute noise level
  g.seed = 0;
  return g;
}

FigureRecipe fig1(bool quick) {
  FigureRecipe r;
  r.name = "fig1";
  r.title = "Figure 1: well-specified sensing, SNN with spectral initialisation";
  r.about =
      "Every measurement matrix shares the singular vectors of X* (A_i = Phi diag(a_i) Psi^T). The paper proves "
      "that, from the spectral initialisation, gradient descent keeps Phi and Psi as the singular vectors of the "
      "network, converges exponentially fast, and reaches a limit that satisfies the KKT conditions of "
      "nuclear-norm minimisation (here solved exactly by basis pursuit).";
  r.quick = quick;
  r.data = synthetic_data("spectral");
  r.models = {"snn", kConvexModel};
  TrainingJob snn = paper_job("snn", 100001, 20001, quick);
  snn.settings.snn.layers = {2, 2, 2, 2};
  snn.settings.snn.init = SnnInit::spectral;
  r.jobs["snn"] = snn;
  r.labels = {{"snn", "SNN [2,2,2,2], spectral init"}, {kConvexModel, kConvexLabel}};
  r.solve.method = SolveMethod::basis_pursuit;
  return r;
}

FigureRecipe fig2(bool quick) {
  FigureRecipe r;
  r.name = "fig2";
  r.title = "Figure 2: general Gaussian sensing, SNN against LG and deep factorisation";
  r.about =
      "Gaussian measurement matrices share no basis, so the theory does not apply directly. The paper shows the "
      "SNN (identity initialisation) still recovers a low-rank X* far better than LG, which converges to the "
      "minimum-Frobenius-norm interpolant; depth-3 deep matrix factorisation (DF) is the other low-rank baseline.";
  r.quick = quick;
  r.data = synthetic_data("gaussian");
  r.models = {"snn", "lg", "df", kConvexModel};
  TrainingJob snn = paper_job("snn", 10001, 5001, quick);
  snn.settings.snn.layers = {2, 2, 2, 2};
  snn.settings.snn.init = SnnInit::identity;
  r.jobs["snn"] = snn;
  r.jobs["lg"] = paper_job("lg", 10001, 5001, quick);
  TrainingJob df = paper_job("df", 10001, 5001, quick);
  df.settings.df.depth = 3;
  r.jobs["df"] = df;
  r.labels = {{"snn", "SNN [2,2,2,2], identity init"},
              {"lg", "LG (zero init)"},
              {"df", "DF depth 3"},
              {kConvexModel, kConvexLabel}};
  r.solve.method = SolveMethod::admm;
  return r;
}

FigureRecipe fig3(bool quick) {
  FigureRecipe r;
  r.name = "fig3";
  r.title = "Figure 3: image recovery, Fashion-MNIST test image 0";
  r.about =
      "A 28 x 28 image (divided by its nuclear norm) is observed through m = 470 Gaussian measurements "
      "(0.6 n^2). The paper shows the SNN [4,8,16] reconstructs it far better than LG, about as well as the "
      "convex nuclear-norm solution.";
  r.quick = quick;
  r.data.problem = "image";
  r.data.image = "fashion-mnist:0";
  r.data.design = "gaussian";
  r.data.measurements = 470;
  r.data.noise_abs = 0.01;
  r.data.seed = 0;
  r.models = {"snn", "lg", kConvexModel};
  TrainingJob snn = paper_job("snn", 2501, 501, quick);
  snn.settings.snn.layers = {4, 8, 16};
  snn.settings.snn.init = SnnInit::identity;
  r.jobs["snn"] = snn;
  r.jobs["lg"] = paper_job("lg", 2501, 501, quick);
  r.labels = {{"snn", "SNN [4,8,16], identity init"}, {"lg", "LG (zero init)"}, {kConvexModel, kConvexLabel}};
  r.solve.method = SolveMethod::admm;
  return r;
}

// reproduction.json's description of a model's recipe for the reader of the report
// (report_data.cpp reads these keys); each run's config.json records the job itself in
// TrainingJob's one JSON form.
nlohmann::json job_json(const TrainingJob& job) {
  nlohmann::json j = {{"model", job.model},
                      {"iterations", job.train.iterations},
                      {"lr", "search"},
                      {"lr_grid", job.search.grid},
                      {"search_successes", job.search.successes},
                      {"search_probe_iterations", job.search.probe_iterations},
                      {"seed", job.init_seed}};
  if (job.model == "snn") {
    j["layers"] = job.settings.snn.layers;
    j["activation"] = job.settings.snn.activation.name();
    j["init"] = to_string(job.settings.snn.init);
    j["init_scale"] = job.settings.snn.init_scale;
    if (job.settings.snn.init == SnnInit::identity) j["init_eps"] = job.settings.snn.identity_eps;
  } else if (job.model == "df") {
    j["depth"] = job.settings.df.depth;
    j["init"] = to_string(job.settings.df.init);
    j["init_scale"] = job.settings.df.init_scale;
  } else if (job.model == "lg") {
    j["init_scale"] = job.settings.lg.init_scale;
  }
  return j;
}

}  // namespace

StepSizeSearchOptions quick_search(Index iterations) {
  StepSizeSearchOptions search;
  std::erase_if(search.grid, [](double lr) { return lr > 1.0001e-2 || lr < 0.9999e-6; });
  search.probe_iterations = std::max<Index>(1, iterations / 10);
  search.placement = GridPlacement::fixed;
  return search;
}

std::vector<std::string> figure_names() { return {"fig1", "fig2", "fig3"}; }

FigureRecipe figure_recipe(const std::string& name, bool quick) {
  if (name == "fig1") return fig1(quick);
  if (name == "fig2") return fig2(quick);
  if (name == "fig3") return fig3(quick);
  throw InputError("unknown figure '" + name + "' (expected " + one_of(figure_names()) + ")");
}

CompareOptions FigureRecipe::compare_options() const {
  CompareOptions options;
  options.models = models;
  options.job = [jobs = jobs](const std::string& model) { return jobs.at(model); };
  options.solve = solve;
  return options;
}

nlohmann::json FigureRecipe::to_json() const {
  const GenerateOptions& g = data;
  nlohmann::json data_json = {{"problem", g.problem},
                              {"operator", g.design},
                              {"measurements", g.measurements},
                              {"noise", g.noise_abs ? *g.noise_abs : g.noise},
                              {"noise_relative", !g.noise_abs},
                              {"seed", g.seed}};
  if (g.problem == "image") {
    data_json["image"] = g.image;
  } else {
    data_json["n"] = g.n;
    data_json["rank"] = g.rank;
  }
  nlohmann::json models_json = nlohmann::json::array();
  for (const std::string& m : models) {
    nlohmann::json entry = m == kConvexModel ? nlohmann::json{{"model", m},
                                                         {"method", snnsense::to_string(solve.method)},
                                                         {"tolerance", solve.tolerance}}
                                        : job_json(jobs.at(m));
    entry["label"] = labels.at(m);
    models_json.push_back(entry);
  }
  return {{"name", name},   {"title", title},    {"about", about},
          {"quick", quick}, {"data", data_json}, {"models", models_json}};
}

}  // namespace snnsense
