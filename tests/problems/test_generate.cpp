#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "../io/temp_dir.hpp"
#include "snnsense/core/error.hpp"
#include "snnsense/io/idx.hpp"
#include "snnsense/io/image.hpp"
#include "snnsense/linalg/svd/thin_svd.hpp"
#include "snnsense/operators/completion_operator.hpp"
#include "snnsense/operators/spectral_operator.hpp"
#include "snnsense/problems/distinct_entries.hpp"
#include "snnsense/problems/generate.hpp"
#include "snnsense/problems/ground_truth.hpp"
#include "snnsense/problems/signal_to_noise.hpp"

using namespace snnsense;
using snnsense::testing::TempDir;
using snnsense::testing::write_bytes;

namespace {

const std::vector<std::string> kDesigns{"gaussian", "spectral", "completion", "rank-one"};

GenerateOptions options_for(const std::string& design, std::uint64_t seed = 7) {
  GenerateOptions options;
  options.design = design;
  options.seed = seed;
  if (design == "completion") options.measurements = 40;  // 40 + 40 of the 100 entries
  return options;
}

// Everything a problem's measurements are made of, in one matrix: [A | y], train rows then test rows.
Matrix measurements_of(const Problem& p) {
  Matrix all(p.train_count() + p.test_count(), p.n1 * p.n2 + 1);
  all << p.train_operator->dense(), p.train_y, p.test_operator->dense(), p.test_y;
  return all;
}

Vector singular_values(const Matrix& X) { return thin_svd(X).s; }

Index numerical_rank(const Matrix& X) {
  const Vector s = singular_values(X);
  return std::count_if(s.begin(), s.end(), [&](double v) { return v > 1e-10 * s(0); });
}

}  // namespace

TEST(Generate, SameSeedSameProblemDifferentSeedDifferentProblem) {
  for (const std::string& design : kDesigns) {
    SCOPED_TRACE(design);
    const Problem a = generate_problem(options_for(design, 3));
    const Problem b = generate_problem(options_for(design, 3));
    const Problem c = generate_problem(options_for(design, 4));
    EXPECT_EQ(*a.x_true, *b.x_true);
    EXPECT_EQ(measurements_of(a), measurements_of(b));
    EXPECT_EQ(a.provenance, b.provenance);
    EXPECT_NE(*a.x_true, *c.x_true);
    EXPECT_NE(measurements_of(a), measurements_of(c));
  }
}

TEST(Generate, NoiseAndTestCountDoNotChangeTheGroundTruthOrTheTrainingOperator) {
  for (const std::string& design : kDesigns) {
    SCOPED_TRACE(design);
    const Problem reference = generate_problem(options_for(design));
    GenerateOptions quieter = options_for(design);
    quieter.noise = 0.5;
    quieter.test = 3;
    const Problem other = generate_problem(quieter);
    EXPECT_EQ(*other.x_true, *reference.x_true);
    EXPECT_EQ(other.train_operator->dense(), reference.train_operator->dense());
    EXPECT_NE(other.train_y, reference.train_y);
    EXPECT_EQ(other.test_count(), 3);
  }
}

TEST(Generate, SyntheticGroundTruthIsPsdWithUnitNuclearNormAndTheRequestedRank) {
  const Problem p = generate_problem(GenerateOptions{});
  const Matrix& X = *p.x_true;
  ASSERT_EQ(X.rows(), 10);
  ASSERT_EQ(X.cols(), 10);
  EXPECT_NEAR(singular_values(X).sum(), 1.0, 1e-12);
  EXPECT_EQ(numerical_rank(X), 6);
  EXPECT_EQ(X, X.transpose());
  EXPECT_GE(Eigen::SelfAdjointEigenSolver<Matrix>(X).eigenvalues().minCoeff(), -1e-12);
  EXPECT_FALSE(p.is_image());
}

TEST(Generate, RectangularGroundTruthHasTheRequestedShapeAndRank) {
  GenerateOptions options;
  options.problem = "rectangular";
  options.n = 12;
  options.n2 = 5;
  options.rank = 3;
  options.design = "rank-one";
  const Problem p = generate_problem(options);
  EXPECT_EQ(p.x_true->rows(), 12);
  EXPECT_EQ(p.x_true->cols(), 5);
  EXPECT_EQ(p.train_operator->rows(), 12);
  EXPECT_EQ(p.train_operator->cols(), 5);
  EXPECT_NEAR(singular_values(*p.x_true).sum(), 1.0, 1e-12);
  EXPECT_EQ(numerical_rank(*p.x_true), 3);
  EXPECT_EQ(p.train_count(), 45);  // round(0.75 * 60)
}

TEST(Generate, MeasurementsAreExactWithoutNoise) {
  for (const std::string& design : kDesigns) {
    SCOPED_TRACE(design);
    GenerateOptions options = options_for(design);
    options.noise = 0.0;
    const Problem p = generate_problem(options);
    // Up to rounding: the sliced operators may sum in another order than the one y was drawn with.
    EXPECT_LE((p.train_y - p.train_operator->apply(*p.x_true)).norm(), 1e-13 * p.train_y.norm());
    EXPECT_LE((p.test_y - p.test_operator->apply(*p.x_true)).norm(), 1e-13 * p.test_y.norm());
  }
}

TEST(Generate, DefaultsFollowThePaper) {
  const Problem p = generate_problem(GenerateOptions{});
  EXPECT_EQ(p.train_count(), 75);
  EXPECT_EQ(p.test_count(), 75);
  // The paper's noise level is absolute (0.01); the default is relative: 1% of the signal's RMS.
  EXPECT_EQ(p.provenance.at("noise"), 0.01);
  EXPECT_NEAR(signal_to_noise_db(p), 40.0, 1e-9);
  EXPECT_EQ(p.operator_kind(), OperatorKind::dense);
  EXPECT_EQ(p.provenance.at("scale"), 10.0);
  EXPECT_EQ(p.provenance.at("seed"), 0);
  EXPECT_EQ(p.provenance.at("measurements"), 75);
  EXPECT_EQ(p.provenance.at("rank"), 6);
  // Entries of A are n * N(0,1): their spread is about 10.
  const RowMatrix A = p.train_operator->dense();
  const double rms = std::sqrt(A.squaredNorm() / static_cast<double>(A.size()));
  EXPECT_NEAR(rms, 10.0, 0.5);
}

TEST(Generate, ScaleMultipliesTheMeasurementMatrices) {
  for (const char* design : {"gaussian", "spectral", "rank-one"}) {
    SCOPED_TRACE(design);
    GenerateOptions options = options_for(design);
    options.scale = 2.0;
    const Problem two = generate_problem(options);
    options.scale = 6.0;
    const Problem six = generate_problem(options);
    EXPECT_LE((six.train_operator->dense() - 3.0 * two.train_operator->dense()).norm(),
              1e-12 * six.train_operator->dense().norm());
  }
}

TEST(Generate, SpectralDesignSharesTheSingularVectorsOfTheGroundTruth) {
  const Problem p = generate_problem(options_for("spectral"));
  const auto& op = dynamic_cast<const SpectralOperator&>(*p.train_operator);
  const ThinSvd svd = thin_svd(*p.x_true);
  EXPECT_EQ(op.phi(), svd.U);
  EXPECT_EQ(op.psi(), svd.V);
  ASSERT_TRUE(p.basis.has_value());
  EXPECT_EQ(p.basis->phi, op.phi());
  EXPECT_EQ(p.basis->psi, op.psi());
  // Well-specified: X* is diagonal in the shared basis.
  const Matrix core = op.phi().transpose() * *p.x_true * op.psi();
  EXPECT_LE((core - Matrix(core.diagonal().asDiagonal())).norm(), 1e-14);
  for (Index i = 0; i < op.measurements(); ++i) {
    const Eigen::RowVectorXd row = op.coefficients().row(i);
    EXPECT_TRUE(std::is_sorted(row.begin(), row.end(), std::greater<>())) << row;
  }
  EXPECT_FALSE(generate_problem(options_for("gaussian")).basis.has_value());
}

TEST(Generate, CompletionSamplesDistinctEntriesUpToTheWholeMatrix) {
  GenerateOptions options = options_for("completion");
  options.problem = "rectangular";
  options.n = 9;
  options.n2 = 7;
  options.rank = 2;
  options.measurements = 40;
  options.test = 23;  // 63 = every entry
  const Problem p = generate_problem(options);
  const auto& train = dynamic_cast<const CompletionOperator&>(*p.train_operator);
  const auto& test = dynamic_cast<const CompletionOperator&>(*p.test_operator);
  std::set<std::pair<Index, Index>> seen;
  for (const auto* op : {&train, &test})
    for (Index i = 0; i < op->measurements(); ++i) seen.emplace(op->row_indices()(i), op->col_indices()(i));
  EXPECT_EQ(seen.size(), 63u);
}

TEST(Generate, CompletionFractionSetsTheTrainingCount) {
  GenerateOptions options = options_for("completion");
  options.fraction = 0.3;
  const Problem p = generate_problem(options);
  EXPECT_EQ(p.train_count(), 30);
  EXPECT_EQ(p.test_count(), 30);
  EXPECT_EQ(p.provenance.at("fraction"), 0.3);
  options.fraction = 0.0;
  options.measurements = 0;
  EXPECT_EQ(generate_problem(options).train_count(), 50);  // half the entries by default
}

TEST(Generate, FashionMnistImageIsScaledToUnitNuclearNorm) {
  GenerateOptions options;
  options.problem = "image";
  options.image = "fashion-mnist:0";
  options.n = 5;  // ignored for images
  const Problem p = generate_problem(options);
  const Matrix pixels = read_idx_image(fashion_mnist_file("test"), 0);
  ASSERT_EQ(p.n1, 28);
  ASSERT_EQ(p.n2, 28);
  EXPECT_TRUE(p.is_image());
  EXPECT_NEAR(singular_values(*p.x_true).sum(), 1.0, 1e-12);
  EXPECT_LE((p.pixel_scale * *p.x_true - pixels).norm(), 1e-9 * pixels.norm());
  EXPECT_EQ(p.train_count(), 470);
  EXPECT_EQ(p.test_count(), 470);
  EXPECT_EQ(p.provenance.at("image"), "fashion-mnist:0");
  EXPECT_FALSE(p.provenance.contains("n"));
}

TEST(Generate, FashionMnistMatrixHoldsTrainingImagesAsRowsInPixelUnits) {
  GenerateOptions options;
  options.problem = "fashion-mnist";
  options.design = "completion";
  options.n = 3;
  options.fraction = 0.1;
  options.test = 20;
  options.noise = 0.0;
  const Problem p = generate_problem(options);
  ASSERT_EQ(p.n1, 3);
  ASSERT_EQ(p.n2, 784);
  EXPECT_FALSE(p.is_image());
  const Matrix second = read_idx_image(fashion_mnist_file("train"), 1);  // 28 x 28
  for (Index i = 0; i < 28; ++i)
    for (Index j = 0; j < 28; ++j) EXPECT_EQ((*p.x_true)(1, 28 * i + j), second(i, j) / 255.0);
  EXPECT_EQ(p.train_count(), 235);  // round(0.1 * 3 * 784)
  EXPECT_EQ(p.test_count(), 20);
  EXPECT_EQ(p.provenance.at("n"), 3);
  // Noise-free: the measurements are the pixels at the sampled entries.
  EXPECT_LE((p.train_operator->apply(*p.x_true) - p.train_y).norm(), 1e-15);

  GenerateOptions bad = options;
  bad.design = "gaussian";
  EXPECT_THROW(generate_problem(bad), InputError);
  bad = options;
  bad.n = 60001;
  EXPECT_THROW(generate_problem(bad), InputError);
  bad = options;
  bad.image = "fashion-mnist:0";
  EXPECT_THROW(generate_problem(bad), InputError);
}

TEST(Generate, ImageFileCanBeResized) {
  TempDir dir;
  Matrix pixels(6, 4);
  for (Index i = 0; i < 6; ++i)
    for (Index j = 0; j < 4; ++j) pixels(i, j) = static_cast<double>(10 * i + j);
  write_png(dir / "x.png", pixels);
  GenerateOptions options;
  options.problem = "image";
  options.image = (dir / "x.png").string();
  options.design = "completion";
  options.measurements = 4;
  const Problem original = generate_problem(options);
  EXPECT_EQ(original.n1, 6);
  EXPECT_EQ(original.n2, 4);
  EXPECT_LE((original.pixel_scale * *original.x_true - pixels).norm(), 1e-9 * pixels.norm());
  options.resize = 3;
  const Problem resized = generate_problem(options);
  EXPECT_EQ(resized.n1, 3);
  EXPECT_EQ(resized.n2, 3);
}

// Each invalid option is refused with one line that names it.
TEST(Generate, ValidateNamesTheOffendingOption) {
  using namespace std::string_literals;  // GCC 12 warns wrongly (-Wrestrict) on assigning short literals here
  const std::vector<std::pair<std::function<void(GenerateOptions&)>, std::string>> cases{
      {[](auto& o) { o.problem = "x"s; }, "--problem: unknown problem 'x' (expected synthetic, rectangular, image or fashion-mnist)"},
      {[](auto& o) { o.design = "x"s; }, "unknown operator 'x' (expected gaussian, spectral, completion or rank-one)"},
      {[](auto& o) { o.n = 0; }, "--n must be positive, got 0"},
      {[](auto& o) { o.n2 = -2; }, "--n2"},
      {[](auto& o) { o.n2 = 5; }, "--n2"},  // synthetic is square
      {[](auto& o) { o.rank = 0; }, "--rank"},
      {[](auto& o) { o.rank = 11; }, "--rank"},
      {[](auto& o) { o.problem = "rectangular"s, o.n2 = 4, o.rank = 5; }, "--rank"},
      {[](auto& o) { o.measurements = -1; }, "--measurements"},
      {[](auto& o) { o.test = -2; }, "--test"},
      {[](auto& o) { o.noise = -0.1; }, "--noise"},
      {[](auto& o) { o.noise = std::numeric_limits<double>::quiet_NaN(); }, "--noise"},
      {[](auto& o) { o.scale = -1; }, "--scale"},
      {[](auto& o) { o.design = "completion"s, o.fraction = 1.5; }, "--fraction"},
      {[](auto& o) { o.fraction = 0.5; }, "--fraction applies to --operator completion only"},
      {[](auto& o) { o.design = "completion"s, o.n = 8, o.measurements = 40; },
       "--measurements: 80 completion samples (train + test) exceed the 64 entries"},
      {[](auto& o) { o.design = "completion"s, o.fraction = 0.6; }, "--fraction: 120 completion samples"},
      {[](auto& o) { o.problem = "image"s; }, "--image is required"},
      {[](auto& o) { o.image = "x.png"s; }, "--image needs --problem image"},
      {[](auto& o) { o.problem = "image"s, o.image = "fashion-mnist:abc"s; }, "--image"},
      {[](auto& o) { o.problem = "image"s, o.image = "fashion-mnist:1"s, o.resize = 10; }, "--resize"},
      {[](auto& o) { o.problem = "image"s, o.image = "x.png"s, o.resize = -1; }, "--resize"},
      {[](auto& o) { o.n = 100000; }, "--n: a 100000 x 100000 matrix is too large"},
      {[](auto& o) { o.n = 1000; }, "--measurements: 750000 + 750000 gaussian measurements"},
  };
  for (const auto& [mutate, expected] : cases) {
    GenerateOptions options;
    mutate(options);
    try {
      options.validate();
      ADD_FAILURE() << "no InputError, expected: " << expected;
    } catch (const InputError& e) {
      const std::string message = e.what();
      EXPECT_NE(message.find(expected), std::string::npos) << message;
      EXPECT_EQ(message.find('\n'), std::string::npos) << message;
    }
  }
}

TEST(Generate, ImageErrorsNameTheOptionOrTheFile) {
  TempDir dir;
  write_bytes(dir / "x.png", "definitely not a PNG");
  const std::vector<std::pair<std::string, std::string>> cases{
      {"fashion-mnist:10000", "--image: fashion-mnist index 10000 out of range"},
      {(dir / "missing.png").string(), "missing.png: no such file"},
      {(dir / "x.png").string(), "x.png: not a readable image"},
  };
  for (const auto& [image, expected] : cases) {
    GenerateOptions options;
    options.problem = "image";
    options.image = image;
    try {
      generate_problem(options);
      ADD_FAILURE() << "no error for " << image;
    } catch (const Error& e) {
      EXPECT_NE(std::string(e.what()).find(expected), std::string::npos) << e.what();
    }
  }
}

namespace {

// RMS of the noiseless measurements A(X*), train and test together.
double clean_rms(const Problem& p) {
  const double energy =
      p.train_operator->apply(*p.x_true).squaredNorm() + p.test_operator->apply(*p.x_true).squaredNorm();
  return std::sqrt(energy / static_cast<double>(p.train_count() + p.test_count()));
}

GenerateOptions rectangular_completion() {
  GenerateOptions o;
  o.problem = "rectangular";
  o.design = "completion";
  o.n = 20;
  o.n2 = 30;
  o.rank = 3;
  o.fraction = 0.2;
  return o;
}

}  // namespace

// Completion measures entries of a unit-nuclear-norm X*, about 1e-2 here: an absolute noise of
// 0.01 would be as large as the signal. The default noise is relative to the signal instead.
TEST(Generate, DefaultNoiseIsOnePercentOfTheSignalWhateverItsScale) {
  for (const GenerateOptions& options : {rectangular_completion(), GenerateOptions{}, options_for("rank-one")}) {
    SCOPED_TRACE(options.design);
    const Problem p = generate_problem(options);
    const double rms = clean_rms(p);
    EXPECT_NEAR(p.noise, 0.01 * rms, 1e-12 * rms);
    const Vector noise = p.train_y - p.train_operator->apply(*p.x_true);
    const double measured = std::sqrt(noise.squaredNorm() / static_cast<double>(noise.size()));
    EXPECT_GT(measured, 0.005 * rms);
    EXPECT_LT(measured, 0.02 * rms);
    EXPECT_NEAR(signal_to_noise_db(p), 40.0, 1e-9);
  }
}

TEST(Generate, AbsoluteNoiseKeepsThePapersSetting) {
  GenerateOptions relative;
  relative.noise = 0.0;
  GenerateOptions absolute;
  absolute.noise_abs = 0.01;
  const Problem clean = generate_problem(relative), noisy = generate_problem(absolute);
  EXPECT_EQ(noisy.noise, 0.01);
  EXPECT_EQ(noisy.provenance.at("noise_abs"), 0.01);
  EXPECT_FALSE(noisy.provenance.contains("noise"));
  const Vector noise = noisy.train_y - clean.train_y;
  EXPECT_NEAR(std::sqrt(noise.squaredNorm() / static_cast<double>(noise.size())), 0.01, 0.003);
  // The same draw as before the noise became relative: the noise stream does not depend on the level.
  GenerateOptions doubled;
  doubled.noise_abs = 0.02;
  EXPECT_LE((generate_problem(doubled).train_y - clean.train_y - 2.0 * noise).norm(), 1e-12);
}

TEST(Generate, SignalToNoiseIsEstimatedFromYWithoutTheGroundTruth) {
  GenerateOptions o = rectangular_completion();
  o.noise = 0.5;  // 6 dB: the estimate from y must subtract the noise's own power
  Problem p = generate_problem(o);
  const double exact = signal_to_noise_db(p);
  EXPECT_NEAR(exact, 20.0 * std::log10(2.0), 1e-9);
  p.x_true.reset();
  EXPECT_NEAR(signal_to_noise_db(p), exact, 1.0);
  p.noise = 0.0;
  EXPECT_TRUE(std::isinf(signal_to_noise_db(p)));
  EXPECT_TRUE(signal_to_noise_json(p).is_null());
}

TEST(Generate, MemoryRefusalNamesTheWayOut) {
  GenerateOptions o;
  o.n = 40;  // 1 200 + 1 200 Gaussian measurements of 1 600 entries: 31 MB
  o.max_memory_gb = 0.01;
  try {
    o.validate();
    FAIL() << "a 31 MB problem passed a 10 MB limit";
  } catch (const InputError& error) {
    const std::string message = error.what();
    EXPECT_NE(message.find("need 0.03072 GB (limit 0.01 GB)"), std::string::npos) << message;
    for (const char* way : {"--measurements", "--operator completion", "--max-memory"})
      EXPECT_NE(message.find(way), std::string::npos) << way << " missing from: " << message;
  }
  o.max_memory_gb = 0.05;
  EXPECT_NO_THROW(o.validate());
  o.max_memory_gb = 0.0;
  EXPECT_THROW(o.validate(), InputError);

  TempDir dir;
  write_png(dir / "photo.png", Matrix::Constant(60, 40, 128.0));
  GenerateOptions image;
  image.problem = "image";
  image.image = (dir / "photo.png").string();
  image.max_memory_gb = 0.01;  // 1 440 + 1 440 Gaussian measurements of 2 400 pixels: 55 MB
  try {
    generate_problem(image);
    FAIL() << "a 55 MB problem passed a 10 MB limit";
  } catch (const InputError& error) {
    const std::string message = error.what();
    for (const char* way : {"--resize", "--measurements", "--max-memory"})
      EXPECT_NE(message.find(way), std::string::npos) << way << " missing from: " << message;
  }
}

namespace {

// 20000 x 30000: a dense X* would take 4.8 GB, beyond kDenseTruthLimitBytes, so X* is kept as factors.
GenerateOptions large_completion(const std::string& popularity) {
  GenerateOptions o;
  o.problem = "rectangular";
  o.design = "completion";
  o.n = 20000;
  o.n2 = 30000;
  o.rank = 4;
  o.measurements = 150000;
  o.test = 50000;
  o.popularity = popularity;
  o.seed = 3;
  return o;
}

// The share of all entries held by the 1 % of rows observed most often.
double top_row_share(const IndexVector& rows, Index n1) {
  std::vector<Index> counts(static_cast<std::size_t>(n1), 0);
  for (const Index r : rows) ++counts[static_cast<std::size_t>(r)];
  std::sort(counts.begin(), counts.end(), std::greater<>());
  Index top = 0;
  for (Index k = 0; k < n1 / 100; ++k) top += counts[static_cast<std::size_t>(k)];
  return static_cast<double>(top) / static_cast<double>(rows.size());
}

IndexVector all_of(const IndexVector& train, const IndexVector& test) {
  IndexVector all(train.size() + test.size());
  all << train, test;
  return all;
}

// The observed positions of a completion problem, train then test, as row * n2 + col.
IndexVector measurements_of_entries(const Problem& p) {
  const auto& train = dynamic_cast<const CompletionOperator&>(*p.train_operator);
  const auto& test = dynamic_cast<const CompletionOperator&>(*p.test_operator);
  return all_of(train.row_indices(), test.row_indices()) * p.n2 + all_of(train.col_indices(), test.col_indices());
}

}  // namespace

TEST(Generate, LargeCompletionKeepsTheTruthAsFactorsAndSamplesDistinctEntries) {
  for (const std::string popularity : {"uniform", "power-law"}) {
    SCOPED_TRACE(popularity);
    const GenerateOptions o = large_completion(popularity);
    const Problem p = generate_problem(o);
    EXPECT_FALSE(p.x_true.has_value());
    ASSERT_TRUE(p.x_true_factors.has_value());
    const LowRankFactors& f = *p.x_true_factors;
    EXPECT_EQ(f.left.rows(), 20000);
    EXPECT_EQ(f.right.rows(), 30000);
    EXPECT_EQ(f.rank(), 4);
    EXPECT_EQ(p.train_count(), 150000);
    EXPECT_EQ(p.test_count(), 50000);

    const auto& train = dynamic_cast<const CompletionOperator&>(*p.train_operator);
    const auto& test = dynamic_cast<const CompletionOperator&>(*p.test_operator);
    const IndexVector rows = all_of(train.row_indices(), test.row_indices());
    const IndexVector cols = all_of(train.col_indices(), test.col_indices());
    EXPECT_GE(rows.minCoeff(), 0);
    EXPECT_LT(rows.maxCoeff(), 20000);
    EXPECT_GE(cols.minCoeff(), 0);
    EXPECT_LT(cols.maxCoeff(), 30000);
    const auto repeat = first_duplicate_entry(rows, cols);
    EXPECT_FALSE(repeat.has_value()) << repeat->describe();

    // Uniformly, about 10 entries a row and the busiest 1 % of rows hold about 1.5 % of them; the
    // power law (exponent 1) gives the top 1 % of ranks about half the draws.
    const double share = top_row_share(rows, 20000);
    if (popularity == "uniform") {
      EXPECT_LT(share, 0.03);
    } else {
      EXPECT_GT(share, 0.2);
      // The popular rows are spread over the matrix, not gathered at its top.
      EXPECT_GT(rows.cast<double>().mean(), 0.3 * 20000);
      EXPECT_LT(rows.cast<double>().mean(), 0.7 * 20000);
      EXPECT_GT(top_row_share(cols, 30000), 0.2);
    }

    // Values come from the factors; the noise is 1 % of their RMS.
    const Vector clean = train.apply_factored(f.left, f.right);
    const double rms = std::sqrt((clean.squaredNorm() + test.apply_factored(f.left, f.right).squaredNorm()) / 200000.0);
    EXPECT_NEAR(p.noise, 0.01 * rms, 1e-9 * rms);
    const double measured = std::sqrt((p.train_y - clean).squaredNorm() / 150000.0);
    EXPECT_NEAR(measured, 0.01 * rms, 0.001 * rms);
    EXPECT_NEAR(signal_to_noise_db(p), 40.0, 1e-6);

    // X* has unit nuclear norm, from the r x r triangles of the factors' QR decompositions.
    const Eigen::HouseholderQR<Matrix> ql(f.left), qr(f.right);
    const Matrix RL = ql.matrixQR().topRows(4).triangularView<Eigen::Upper>();
    const Matrix RR = qr.matrixQR().topRows(4).triangularView<Eigen::Upper>();
    EXPECT_NEAR(singular_values(RL * RR.transpose()).sum(), 1.0, 1e-12);
  }
}

TEST(Generate, LargeCompletionIsSeededAndItsFactorsAreTheDenseTruthsDraws) {
  GenerateOptions o = large_completion("power-law");
  o.measurements = 20000;
  o.test = 0;
  const Problem a = generate_problem(o), b = generate_problem(o);
  EXPECT_EQ(measurements_of_entries(a), measurements_of_entries(b));
  EXPECT_EQ(a.train_y, b.train_y);
  EXPECT_EQ(a.provenance.at("popularity"), "power-law");
  EXPECT_EQ(a.provenance.at("popularity_exponent"), 1.0);
  o.seed = 4;
  EXPECT_NE(measurements_of_entries(generate_problem(o)), measurements_of_entries(a));

  // The same draws as the dense rectangular X*, only kept as factors.
  Rng dense_rng(9), factor_rng(9);
  const GroundTruth dense = rectangular_ground_truth(60, 40, 3, dense_rng);
  const LowRankFactors factors = rectangular_ground_truth_factors(60, 40, 3, factor_rng);
  EXPECT_LE((factors.left * factors.right.transpose() - dense.x).norm(), 1e-12 * dense.x.norm());
  // The nuclear norm from the factors' triangles is the dense matrix's.
  EXPECT_NEAR(singular_values(dense.x).sum(), 1.0, 1e-12);
  EXPECT_EQ(singular_values(dense.x).tail(37).maxCoeff() < 1e-12, true);  // rank 3 of 40
}

TEST(Generate, PowerLawPopularityOnASmallProblemKeepsTheDenseTruth) {
  GenerateOptions o;
  o.problem = "rectangular";
  o.design = "completion";
  o.n = 200;
  o.n2 = 300;
  o.rank = 3;
  o.measurements = 3000;
  o.test = 1000;
  o.noise = 0.0;
  o.popularity = "power-law";
  o.popularity_exponent = 1.5;
  const Problem p = generate_problem(o);
  ASSERT_TRUE(p.x_true.has_value());
  EXPECT_FALSE(p.x_true_factors.has_value());
  EXPECT_EQ(p.train_y, p.train_operator->apply(*p.x_true));
  const auto& train = dynamic_cast<const CompletionOperator&>(*p.train_operator);
  const auto& test = dynamic_cast<const CompletionOperator&>(*p.test_operator);
  const IndexVector rows = all_of(train.row_indices(), test.row_indices());
  EXPECT_FALSE(first_duplicate_entry(rows, all_of(train.col_indices(), test.col_indices())).has_value());
  EXPECT_GT(top_row_share(rows, 200), 0.1);  // 2 rows of 200
}

TEST(Generate, LargeProblemOptionsAreCheckedBeforeDrawing) {
  using namespace std::string_literals;
  const std::vector<std::pair<std::function<void(GenerateOptions&)>, std::string>> cases{
      {[](auto& o) { o.popularity = "zipf"s; }, "--popularity: unknown popularity 'zipf' (expected uniform or power-law)"},
      {[](auto& o) { o.design = "gaussian"s, o.n = 20, o.n2 = 30, o.measurements = 10; },
       "--popularity power-law applies to --operator completion only"},
      {[](auto& o) { o.popularity_exponent = 0.0; }, "--popularity-exponent must lie in (0, 4]"},
      {[](auto& o) { o.design = "rank-one"s, o.popularity = "uniform"s; }, "--operator rank-one: a 20000 x 30000 X* would take 4.8 GB densely"},
      {[](auto& o) { o.measurements = 40000000; },
       "--measurements: 40000000 + 50000 completion entries of a 20000 x 30000 matrix and its rank-4 factors need"},
      {[](auto& o) { o.n = Index{1} << 32; }, "--n must be at most 2147483647"},
  };
  for (const auto& [mutate, expected] : cases) {
    GenerateOptions o = large_completion("power-law");
    mutate(o);
    try {
      o.validate();
      ADD_FAILURE() << "no InputError, expected: " << expected;
    } catch (const InputError& e) {
      const std::string message = e.what();
      EXPECT_NE(message.find(expected), std::string::npos) << message;
      EXPECT_EQ(message.find('\n'), std::string::npos) << message;
    }
  }
  GenerateOptions o = large_completion("uniform");
  o.measurements = 40000000;
  o.max_memory_gb = 4.0;  // 40 050 000 entries at 64 bytes: 2.6 GB
  EXPECT_NO_THROW(o.validate());
}
