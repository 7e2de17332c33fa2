#include "snnsense/problems/generate.hpp"

#include <algorithm>
#include <array>
#include <climits>
#include <cmath>
#include <stdexcept>
#include <string_view>
#include <utility>

#include "snnsense/core/enum_names.hpp"
#include "snnsense/core/error.hpp"
#include "snnsense/core/rng.hpp"
#include "snnsense/operators/completion_operator.hpp"
#include "snnsense/problems/entry_sampling.hpp"
#include "snnsense/problems/ground_truth.hpp"
#include "snnsense/problems/measurement_design.hpp"
#include "snnsense/problems/number_text.hpp"

namespace snnsense {

namespace {
enum class ProblemKind { synthetic, rectangular, image, fashion_mnist };
}  // namespace

template <>
struct EnumNames<ProblemKind> {
  static constexpr std::array<std::pair<ProblemKind, std::string_view>, 4> table{{{ProblemKind::synthetic, "synthetic"},
                                                                                  {ProblemKind::rectangular, "rectangular"},
                                                                                  {ProblemKind::image, "image"},
                                                                                  {ProblemKind::fashion_mnist, "fashion-mnist"}}};
};

namespace {

// Hard caps that keep products of sizes and counts far from overflow; the memory limit
// (--max-memory) is checked against the resolved sizes later.
constexpr Index kMaxResize = 1 << 14;
constexpr Index kMaxCount = Index{1} << 28;
// Rows and columns, as problem.json allows them; n1 n2 < 2^62 then fits the sampler's 64-bit keys.
constexpr Index kMaxExtent = INT32_MAX;
constexpr double kMaxMemoryGb = 1e6;
constexpr double kBytesPerEntry = 8.0;
// Beyond it nearly every draw lands on the few most popular rows; 1 is the Zipf skew of ratings data.
constexpr double kMaxPopularityExponent = 4.0;

double stored_entry_limit(const GenerateOptions& o) { return o.max_memory_gb * 1e9 / kBytesPerEntry; }

// What a user can do about a refusal for memory: the options that shrink the problem, or the limit.
std::string memory_way_out(const GenerateOptions& o, ProblemKind kind, Design design) {
  std::string shrink = kind == ProblemKind::image ? "--resize to a smaller image" : "a smaller --n/--n2";
  if (design != Design::completion && design != Design::rank_one)
    shrink += ", fewer --measurements, or --operator completion or rank-one (they store O(n1 + n2) per measurement)";
  else
    shrink += " or fewer --measurements";
  return "; use " + shrink + ", or raise the limit with --max-memory GB (now " + number_text(o.max_memory_gb) + ")";
}

ProblemKind problem_kind(const std::string& name) {
  return enum_from_string<ProblemKind>(name, "--problem: unknown problem");
}

// Whether X* is kept as factors: a rectangular X* too large to store densely.
bool factored_truth(ProblemKind kind, Index n1, Index n2) {
  return kind == ProblemKind::rectangular &&
         8.0 * static_cast<double>(n1) * static_cast<double>(n2) > static_cast<double>(kDenseTruthLimitBytes);
}

Popularity popularity_of(const GenerateOptions& o) {
  return enum_from_string<Popularity>(o.popularity, "--popularity: unknown popularity");
}

// Columns of a synthetic or rectangular X*: --n2, or --n when it is 0.
Index columns(const GenerateOptions& o) { return o.n2 > 0 ? o.n2 : o.n; }

std::string shape(Index n1, Index n2) { return std::to_string(n1) + " x " + std::to_string(n2); }

// The options resolved against the matrix size, which for images is known only once they are read.
struct Plan {
  Design design;
  Index n1, n2;
  Index train, test;
  double scale;
};

Index default_train_count(ProblemKind kind, Design design, Index entries) {
  // The paper's split draws as many test as training measurements; sampled without replacement,
  // both fit only if training takes at most half the entries.
  if (design == Design::completion) return std::max<Index>(1, entries / 2);
  const double fraction = kind == ProblemKind::image ? 0.6 : 0.75;
  return static_cast<Index>(std::llround(fraction * static_cast<double>(entries)));
}

Plan plan(const GenerateOptions& o, Index n1, Index n2) {
  const ProblemKind kind = problem_kind(o.problem);
  const Design design = design_from_string(o.design);
  const double limit = stored_entry_limit(o);
  const bool factored = factored_truth(kind, n1, n2);
  const double dense_gb = static_cast<double>(n1) * static_cast<double>(n2) * kBytesPerEntry * 1e-9;
  if (factored && design != Design::completion)
    throw InputError("--operator " + o.design + ": a " + shape(n1, n2) + " X* would take " + number_text(dense_gb) +
                     " GB densely (more than 1 GiB), so it is kept as factors, which only --operator completion " +
                     "measures; use --operator completion or a smaller --n/--n2");
  if (!factored && static_cast<double>(n1) * static_cast<double>(n2) > limit)
    throw InputError(std::string(kind == ProblemKind::image ? "--image" : "--n") + ": a " + shape(n1, n2) +
                     " matrix is too large for --max-memory " + number_text(o.max_memory_gb) + " GB (" +
                     number_text(static_cast<double>(n1) * static_cast<double>(n2) * kBytesPerEntry * 1e-9) + " GB)" +
                     memory_way_out(o, kind, design));
  const Index entries = n1 * n2;
  if ((kind == ProblemKind::synthetic || kind == ProblemKind::rectangular) && o.rank > std::min(n1, n2))
    throw InputError("--rank " + std::to_string(o.rank) + " exceeds min(n1, n2) = " + std::to_string(std::min(n1, n2)) +
                     " of a " + shape(n1, n2) + " matrix");

  Index train = o.measurements > 0 ? o.measurements : default_train_count(kind, design, entries);
  if (o.fraction > 0) {
    train = static_cast<Index>(std::llround(o.fraction * static_cast<double>(entries)));
    if (train == 0)
      throw InputError("--fraction " + number_text(o.fraction) + " selects no entries of a " + shape(n1, n2) + " matrix");
  }
  const Index test = o.test < 0 ? train : o.test;
  const char* count_option = o.fraction > 0 ? "--fraction" : "--measurements";
  if (design == Design::completion && train > entries - test)
    throw InputError(std::string(count_option) + ": " + std::to_string(train + test) +
                     " completion samples (train + test) exceed the " + std::to_string(entries) + " entries of the " +
                     shape(n1, n2) + " matrix");
  if (factored) {
    const double bytes = static_cast<double>(train + test) * kSampledEntryBytes +
                         static_cast<double>(n1 + n2) * (static_cast<double>(o.rank) * kBytesPerEntry + kPopularityBytesPerLine);
    if (bytes > o.max_memory_gb * 1e9)
      throw InputError(std::string(count_option) + ": " + std::to_string(train) + " + " + std::to_string(test) +
                       " completion entries of a " + shape(n1, n2) + " matrix and its rank-" + std::to_string(o.rank) +
                       " factors need " + number_text(bytes * 1e-9) + " GB (limit " + number_text(o.max_memory_gb) +
                       " GB); use fewer entries (--measurements, --fraction, --test) or a smaller --n/--n2/--rank, " +
                       "or raise the limit with --max-memory GB");
    return {design, n1, n2, train, test, o.scale > 0 ? o.scale : static_cast<double>(n1)};
  }
  const double stored = stored_entries(design, n1, n2, train) + stored_entries(design, n1, n2, test);
  if (stored > limit)
    throw InputError(std::string(count_option) + ": " + std::to_string(train) + " + " + std::to_string(test) + " " +
                     o.design + " measurements of a " + shape(n1, n2) + " matrix need " +
                     number_text(stored * kBytesPerEntry * 1e-9) + " GB (limit " + number_text(o.max_memory_gb) + " GB)" +
                     memory_way_out(o, kind, design));
  return {design, n1, n2, train, test, o.scale > 0 ? o.scale : static_cast<double>(n1)};
}

// Every option that shaped the problem, defaults resolved, under the names the CLI gives them:
// enough to generate the same problem again.
nlohmann::json provenance(const GenerateOptions& o, const Plan& p) {
  nlohmann::json json = {{"generator", "snnsense " SNNSENSE_VERSION},
                         {"problem", o.problem},
                         {"operator", o.design},
                         {"measurements", p.train},
                         {"test", p.test},
                         {"seed", o.seed}};
  if (o.noise_abs)
    json["noise_abs"] = *o.noise_abs;
  else
    json["noise"] = o.noise;
  if (problem_kind(o.problem) == ProblemKind::image) {
    json["image"] = o.image;
    json["resize"] = o.resize;
  } else if (problem_kind(o.problem) == ProblemKind::fashion_mnist) {
    json["n"] = p.n1;  // the first n training images, one per row
  } else {
    json["n"] = p.n1;
    json["n2"] = p.n2;
    json["rank"] = o.rank;
  }
  if (p.design == Design::completion) {
    if (o.fraction > 0) json["fraction"] = o.fraction;
    if (popularity_of(o) != Popularity::uniform) {
      json["popularity"] = o.popularity;
      json["popularity_exponent"] = o.popularity_exponent;
    }
  } else {
    json["scale"] = p.scale;
  }
  return json;
}

GroundTruth ground_truth(const GenerateOptions& o, ProblemKind kind, Rng& rng) {
  switch (kind) {
    case ProblemKind::synthetic: return synthetic_ground_truth(o.n, o.rank, rng);
    case ProblemKind::rectangular: return rectangular_ground_truth(o.n, columns(o), o.rank, rng);
    case ProblemKind::image: return image_ground_truth(parse_image_source(o.image), static_cast<int>(o.resize));
    case ProblemKind::fashion_mnist: return fashion_mnist_matrix(o.n);
  }
  throw std::logic_error("unhandled ProblemKind");
}

// The train + test entries of a completion problem drawn by sample_distinct_entries.
OperatorPtr sampled_completion(const GenerateOptions& o, const Plan& p, Rng& rng) {
  EntrySample entries = sample_distinct_entries(p.n1, p.n2, p.train + p.test, popularity_of(o), o.popularity_exponent, rng);
  return std::make_shared<CompletionOperator>(std::move(entries.rows), std::move(entries.cols), p.n1, p.n2);
}

// The problem of the measurements `all` (train first) of X*, whose noiseless values are `clean`.
Problem measured(const GenerateOptions& o, const Plan& p, const OperatorPtr& all, const Vector& clean, Rng& noise_rng) {
  const Index count = all->measurements();
  // Relative noise scales with the RMS of the clean measurements, so an SNR means the same on
  // every problem; the noise draw itself does not depend on the choice.
  const double sigma = o.noise_abs ? *o.noise_abs : o.noise * clean.norm() / std::sqrt(static_cast<double>(count));
  const Vector y = clean + sigma * noise_rng.normal_matrix(count, 1);
  Problem problem = split_measurements(all, y, p.train);
  problem.noise = sigma;
  problem.provenance = provenance(o, p);
  return problem;
}

}  // namespace

void GenerateOptions::validate() const {
  const ProblemKind kind = problem_kind(problem);
  const Design chosen = design_from_string(design);
  if (kind == ProblemKind::fashion_mnist) {
    if (!image.empty() || resize != 0)
      throw InputError(std::string(image.empty() ? "--resize" : "--image") +
                       " does not apply to --problem fashion-mnist (--n images of the training set, one per row)");
    if (n <= 0 || n > kFashionMnistTrainImages)
      throw InputError("--n: --problem fashion-mnist takes the first n training images, 1.." +
                       std::to_string(kFashionMnistTrainImages) + ", got " + std::to_string(n));
    if (n2 != 0) throw InputError("--n2: --problem fashion-mnist has one column per pixel (784); leave --n2 out");
    if (chosen != Design::completion)
      throw InputError("--operator " + design + ": --problem fashion-mnist is a completion data set (--operator completion)");
  } else if (kind == ProblemKind::image) {
    if (image.empty()) throw InputError("--image is required with --problem image (a PNG/JPEG file or fashion-mnist:INDEX)");
    if (resize < 0 || resize > kMaxResize)
      throw InputError("--resize must lie in [1, " + std::to_string(kMaxResize) + "] (or be 0 to keep the size), got " +
                       std::to_string(resize));
    if (parse_image_source(image).idx_index && resize > 0)
      throw InputError("--resize applies to image files, not to " + image);
  } else {
    // Silently ignoring these would hand the user a synthetic problem instead of their image.
    if (!image.empty()) throw InputError("--image needs --problem image (got --problem " + problem + ")");
    if (resize != 0) throw InputError("--resize needs --problem image (got --problem " + problem + ")");
    if (n <= 0) throw InputError("--n must be positive, got " + std::to_string(n));
    if (n2 < 0) throw InputError("--n2 must be positive (or 0 for --n), got " + std::to_string(n2));
    if (n > kMaxExtent || n2 > kMaxExtent)
      throw InputError(std::string(n > kMaxExtent ? "--n" : "--n2") + " must be at most " + std::to_string(kMaxExtent) +
                       ", got " + std::to_string(std::max(n, n2)));
    if (kind == ProblemKind::synthetic && n2 != 0 && n2 != n)
      throw InputError("--n2: the synthetic problem W W^T is square, got --n " + std::to_string(n) + " --n2 " +
                       std::to_string(n2) + " (use --problem rectangular)");
    if (rank <= 0) throw InputError("--rank must be positive, got " + std::to_string(rank));
  }
  if (measurements < 0 || measurements > kMaxCount)
    throw InputError("--measurements must lie in [0, " + std::to_string(kMaxCount) + "] (0 for the default), got " +
                     std::to_string(measurements));
  if (!(fraction >= 0.0 && fraction <= 1.0)) throw InputError("--fraction must lie in [0, 1], got " + number_text(fraction));
  if (fraction > 0 && chosen != Design::completion)
    throw InputError("--fraction applies to --operator completion only (got --operator " + design + ")");
  if (popularity_of(*this) != Popularity::uniform && chosen != Design::completion)
    throw InputError("--popularity " + popularity + " applies to --operator completion only (got --operator " + design + ")");
  if (!(popularity_exponent > 0.0 && popularity_exponent <= kMaxPopularityExponent))
    throw InputError("--popularity-exponent must lie in (0, " + number_text(kMaxPopularityExponent) + "], got " +
                     number_text(popularity_exponent));
  if (test < -1 || test > kMaxCount)
    throw InputError("--test must lie in [0, " + std::to_string(kMaxCount) + "] (or be -1 for as many as training), got " +
                     std::to_string(test));
  if (!(noise >= 0.0 && std::isfinite(noise)))
    throw InputError("--noise must be a non-negative fraction of the signal's RMS, got " + number_text(noise));
  if (noise_abs && !(*noise_abs >= 0.0 && std::isfinite(*noise_abs)))
    throw InputError("--noise-abs must be a non-negative number, got " + number_text(*noise_abs));
  if (!(max_memory_gb > 0.0 && max_memory_gb <= kMaxMemoryGb))
    throw InputError("--max-memory must lie in (0, " + number_text(kMaxMemoryGb) + "] GB, got " + number_text(max_memory_gb));
  if (!(scale >= 0.0 && std::isfinite(scale)))
    throw InputError("--scale must be positive (or 0 for the default, n1), got " + number_text(scale));
  if (kind == ProblemKind::synthetic || kind == ProblemKind::rectangular) plan(*this, n, columns(*this));
}

Problem generate_problem(const GenerateOptions& options) {
  options.validate();
  const ProblemKind kind = problem_kind(options.problem);
  // One stream per ingredient: a different noise level or test count leaves X* and A unchanged.
  Rng rng(options.seed);
  Rng truth_rng = rng.split(), operator_rng = rng.split(), noise_rng = rng.split();

  if (kind != ProblemKind::image && factored_truth(kind, options.n, columns(options))) {
    const Plan p = plan(options, options.n, columns(options));
    LowRankFactors truth = rectangular_ground_truth_factors(p.n1, p.n2, options.rank, truth_rng);
    const OperatorPtr all = sampled_completion(options, p, operator_rng);
    Problem problem = measured(options, p, all, all->apply_factored(truth.left, truth.right), noise_rng);
    problem.x_true_factors = std::move(truth);
    return problem;
  }

  GroundTruth truth = ground_truth(options, kind, truth_rng);
  const Plan p = plan(options, truth.x.rows(), truth.x.cols());

  // Train and test are drawn together and split afterwards, as in the paper's reference code.
  // The data set's n x 784 entries are sampled without an array over all of them.
  const OperatorPtr all = popularity_of(options) == Popularity::uniform && kind != ProblemKind::fashion_mnist
                              ? draw_operator(p.design, truth.x, p.train + p.test, p.scale, operator_rng)
                              : sampled_completion(options, p, operator_rng);
  Problem problem = measured(options, p, all, all->apply(truth.x), noise_rng);
  problem.pixel_scale = kind == ProblemKind::image ? truth.nuclear_norm : 0.0;
  problem.x_true = std::move(truth.x);
  return problem;
}

}  // namespace snnsense
