// `snnsense generate`: draw a seeded problem and write it as a problem directory.
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdint>
#include <iostream>
#include <memory>
#include <string>

#include "commands.hpp"
#include "integer_range.hpp"
#include "snnsense/io/output_overlap.hpp"
#include "snnsense/io/staging_directory.hpp"
#include "snnsense/problems/generate.hpp"
#include "snnsense/problems/ground_truth.hpp"
#include "snnsense/problems/number_text.hpp"
#include "snnsense/problems/problem_io.hpp"
#include "snnsense/problems/signal_to_noise.hpp"

namespace snnsense::cli {

namespace {

struct GenerateArguments {
  GenerateOptions options;
  std::string out;
  bool force = false;
};

std::string snr_text(const Problem& problem) {
  const double db = signal_to_noise_db(problem);
  if (std::isinf(db)) return "no noise";
  char text[32];
  std::snprintf(text, sizeof text, "SNR %.1f dB", db);
  return text;
}

// One line a user can check at a glance: what was drawn, how many measurements, where it went.
std::string summary(const GenerateArguments& args, const Problem& problem) {
  const GenerateOptions& o = args.options;
  std::string source = o.problem == "image" ? "image " + o.image : o.problem;
  return "wrote " + args.out + ": " + source + " " + std::to_string(problem.n1) + " x " + std::to_string(problem.n2) +
         ", " + o.design + " operator, " + std::to_string(problem.train_count()) + " train + " +
         std::to_string(problem.test_count()) + " test measurements, noise " + number_text(problem.noise) + " (" +
         snr_text(problem) + "), seed " + std::to_string(o.seed);
}

void run(const GenerateArguments& args) {
  // Bad options are reported before anything is created on disk.
  args.options.validate();
  if (!args.options.image.empty())
    refuse_output_over_inputs({"--out", args.out}, {{"--image", parse_image_source(args.options.image).file}});
  StagingDirectory staging(args.out, args.force);
  const Problem problem = generate_problem(args.options);
  save_problem(problem, staging.path());
  staging.commit();
  std::cout << summary(args, problem) << "\n";
}

}  // namespace

void register_generate(CLI::App& app, Context&) {
  auto args = std::make_shared<GenerateArguments>();
  GenerateOptions& o = args->options;
  CLI::App* command = app.add_subcommand("generate", "Draw a seeded matrix-sensing problem and write it to a directory");
  command->add_option("--problem", o.problem, "synthetic (W W^T, W with U(0,1) entries), rectangular (Gaussian factors) or image")
      ->capture_default_str();
  command->add_option("--operator", o.design, "measurement design: gaussian, spectral (well-specified), completion or rank-one")
      ->capture_default_str();
  command->add_option("--n", o.n, "rows of X* (and columns unless --n2 is given); ignored for images")
      ->check(integer_fitting<Index>())
      ->capture_default_str();
  command->add_option("--n2", o.n2, "columns of a rectangular X*; 0 means --n")
      ->check(integer_fitting<Index>())
      ->capture_default_str();
  command->add_option("--rank", o.rank, "rank of a synthetic or rectangular X*")
      ->check(integer_fitting<Index>())
      ->capture_default_str();
  command
      ->add_option("--measurements", o.measurements,
                   "training measurements; 0 means round(0.75 n1 n2), round(0.6 n1 n2) for images, "
                   "half the entries for completion")
      ->check(integer_fitting<Index>())
      ->capture_default_str();
  command->add_option("--fraction", o.fraction, "completion only: training entries as a fraction of n1 n2 (0: use --measurements)")
      ->capture_default_str();
  command->add_option("--popularity", o.popularity,
                      "completion only: uniform, or power-law (rows and columns of popularity rank k drawn with "
                      "probability proportional to k^-exponent, ranks given to random ids, as in ratings data)")
      ->capture_default_str();
  command->add_option("--popularity-exponent", o.popularity_exponent, "the power law's exponent (1: Zipf)")
      ->capture_default_str();
  command->add_option("--test", o.test, "held-out measurements; -1 means as many as training")
      ->check(integer_fitting<Index>())
      ->capture_default_str();
  CLI::Option* relative = command->add_option(
      "--noise", o.noise, "Gaussian noise on y as a fraction of the RMS of the clean measurements (0.01: SNR 40 dB)");
  relative->capture_default_str();
  command->add_option("--noise-abs", o.noise_abs, "absolute standard deviation of the noise instead (the paper: 0.01)")
      ->excludes(relative);
  command->add_option("--scale", o.scale, "measurement entries are scale * N(0,1); 0 means n1, as in the paper")
      ->capture_default_str();
  command->add_option("--seed", o.seed, "random seed: the same seed gives the same files")
      ->check(integer_range<std::uint64_t>(0))
      ->capture_default_str();
  command->add_option("--image", o.image, "image problem: a PNG/JPEG file, fashion-mnist:INDEX or fashion-mnist-train:INDEX")
      ->capture_default_str();
  command->add_option("--resize", o.resize, "resample an image file to N x N; 0 keeps its size")
      ->check(integer_fitting<Index>())
      ->capture_default_str();
  command->add_option("--max-memory", o.max_memory_gb, "refuse problems whose measurements need more GB than this")
      ->capture_default_str();
  command->add_option("--out", args->out, "output directory, written whole or not at all")->required();
  command->add_flag("--force", args->force, "replace --out if it exists");
  command->callback([args] { run(*args); });
}

}  // namespace snnsense::cli
