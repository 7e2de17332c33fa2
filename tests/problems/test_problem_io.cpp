#include <gtest/gtest.h>

#include <filesystem>
#include <functional>
#include <limits>
#include <string>
#include <vector>

#include "../io/temp_dir.hpp"
#include "snnsense/core/error.hpp"
#include "snnsense/io/json_file.hpp"
#include "snnsense/io/npy.hpp"
#include "snnsense/problems/generate.hpp"
#include "snnsense/problems/problem_io.hpp"

using namespace snnsense;
using snnsense::testing::read_bytes;
using snnsense::testing::run_python;
using snnsense::testing::TempDir;
using snnsense::testing::write_bytes;
namespace fs = std::filesystem;

namespace {

Problem sample(const std::string& design) {
  GenerateOptions options;
  options.problem = "rectangular";
  options.design = design;
  options.n = 6;
  options.n2 = 5;
  options.rank = 2;
  options.measurements = 12;
  options.test = 4;
  options.seed = 5;
  options.noise_abs = 0.01;  // problem.json's "noise" is the absolute standard deviation
  return generate_problem(options);
}

// A problem directory under `root`, saved from sample(design).
fs::path saved(const TempDir& root, const std::string& design) {
  const fs::path dir = root / "problem";
  fs::create_directory(dir);
  save_problem(sample(design), dir);
  return dir;
}

void edit_manifest(const fs::path& dir, const std::function<void(nlohmann::json&)>& edit) {
  nlohmann::json manifest = read_json(dir / "problem.json");
  edit(manifest);
  write_json(dir / "problem.json", manifest);
}

void expect_same(const Problem& a, const Problem& b) {
  EXPECT_EQ(a.n1, b.n1);
  EXPECT_EQ(a.n2, b.n2);
  EXPECT_EQ(a.operator_kind(), b.operator_kind());
  EXPECT_EQ(a.train_operator->dense(), b.train_operator->dense());
  EXPECT_EQ(a.test_operator->dense(), b.test_operator->dense());
  EXPECT_EQ(a.train_y, b.train_y);
  EXPECT_EQ(a.test_y, b.test_y);
  EXPECT_EQ(a.x_true, b.x_true);
  EXPECT_EQ(a.basis.has_value(), b.basis.has_value());
  if (a.basis && b.basis) {
    EXPECT_EQ(a.basis->phi, b.basis->phi);
    EXPECT_EQ(a.basis->psi, b.basis->psi);
  }
  EXPECT_EQ(a.pixel_scale, b.pixel_scale);
  EXPECT_EQ(a.noise, b.noise);
  EXPECT_EQ(a.provenance, b.provenance);
}

}  // namespace

TEST(ProblemIo, RoundTripKeepsEveryOperatorExactly) {
  for (const std::string design : {"gaussian", "spectral", "completion", "rank-one"}) {
    SCOPED_TRACE(design);
    TempDir root;
    const fs::path dir = saved(root, design);
    expect_same(load_problem(dir), sample(design));
  }
}

TEST(ProblemIo, RoundTripOfAnImageWithoutTestMeasurementsOrGroundTruth) {
  GenerateOptions options;
  options.problem = "image";
  options.image = "fashion-mnist:1";
  options.design = "completion";
  options.measurements = 100;
  options.test = 0;
  Problem problem = generate_problem(options);
  problem.x_true.reset();
  TempDir root;
  save_problem(problem, root.path());
  EXPECT_FALSE(fs::exists(root / "X_true.npy"));
  const Problem loaded = load_problem(root.path());
  expect_same(loaded, problem);
  EXPECT_TRUE(loaded.is_image());
  EXPECT_EQ(loaded.test_count(), 0);
}

TEST(ProblemIo, ManifestHasTheDocumentedFields) {
  TempDir root;
  const nlohmann::json manifest = read_json(saved(root, "completion") / "problem.json");
  EXPECT_EQ(manifest.at("format"), "snnsense-problem");
  EXPECT_EQ(manifest.at("version"), 1);
  EXPECT_EQ(manifest.at("shape"), nlohmann::json({6, 5}));
  EXPECT_EQ(manifest.at("operator"), "completion");
  EXPECT_EQ(manifest.at("measurements"), nlohmann::json({{"train", 12}, {"test", 4}}));
  EXPECT_EQ(manifest.at("noise"), 0.01);
  EXPECT_TRUE(manifest.at("pixel_scale").is_null());
  EXPECT_EQ(manifest.at("has_x_true"), true);
  EXPECT_EQ(manifest.at("provenance").at("seed"), 5);
  EXPECT_EQ(npy::read_index_vector(root / "problem" / "rows.npy").size(), 16);
}

// A problem written by numpy alone, the way a user brings their own data, loads and measures as numpy does.
TEST(ProblemIo, LoadsAProblemWrittenByNumpy) {
  TempDir root;
  const fs::path dir = root / "mine";
  ASSERT_EQ(run_python(root.path(), R"(
import json, os, numpy as np
d = ')" + dir.string() + R"('
os.mkdir(d)
rng = np.random.default_rng(1)
X = rng.standard_normal((3, 4))
A = rng.standard_normal((7, 12))
np.save(d + '/A.npy', A)
np.save(d + '/X_true.npy', X)
np.save(d + '/y.npy', A @ X.ravel())
json.dump({'format': 'snnsense-problem', 'version': 1, 'shape': [3, 4], 'operator': 'dense',
           'measurements': {'train': 5, 'test': 2}, 'noise': 0, 'pixel_scale': None,
           'has_x_true': True, 'provenance': {'source': 'numpy'}}, open(d + '/problem.json', 'w'))
)"),
            0);
  const Problem p = load_problem(dir);
  EXPECT_EQ(p.train_count(), 5);
  EXPECT_EQ(p.test_count(), 2);
  EXPECT_LE((p.train_operator->apply(*p.x_true) - p.train_y).norm(), 1e-12 * p.train_y.norm());
  EXPECT_LE((p.test_operator->apply(*p.x_true) - p.test_y).norm(), 1e-12 * p.test_y.norm());
  EXPECT_EQ(p.provenance.at("source"), "numpy");
}

// Every fault in a problem directory is a FileError whose one-line message names the file and the fault.
TEST(ProblemIo, LoadNamesTheFileAndTheFault) {
  struct Case {
    std::string design;
    std::function<void(const TempDir&, const fs::path&)> spoil;
    std::string file;
    std::string fault;
  };
  const double nan = std::numeric_limits<double>::quiet_NaN(), inf = std::numeric_limits<double>::infinity();
  const std::vector<Case> cases{
      {"gaussian", [](auto&, auto& d) { fs::remove(d / "problem.json"); }, "problem.json", "cannot open"},
      {"gaussian", [](auto&, auto& d) { write_bytes(d / "problem.json", "{\"format\": "); }, "problem.json", "malformed JSON"},
      {"gaussian", [](auto&, auto& d) { write_bytes(d / "problem.json", "[1, 2]"); }, "problem.json", "expected a JSON object"},
      {"gaussian", [](auto&, auto& d) { edit_manifest(d, [](auto& j) { j.erase("shape"); }); },
       "problem.json", "missing field 'shape'"},
      {"gaussian", [](auto&, auto& d) { edit_manifest(d, [](auto& j) { j["noise"] = "loud"; }); },
       "problem.json", "field 'noise' must be a number"},
      {"gaussian", [](auto&, auto& d) { edit_manifest(d, [](auto& j) { j["noise"] = -1; }); },
       "problem.json", "field 'noise' must be non-negative"},
      {"gaussian", [](auto&, auto& d) { edit_manifest(d, [](auto& j) { j["colour"] = "red"; }); },
       "problem.json", "unknown field 'colour'"},
      {"gaussian", [](auto&, auto& d) { edit_manifest(d, [](auto& j) { j["format"] = "npz"; }); },
       "problem.json", "format 'npz' is not 'snnsense-problem'"},
      {"gaussian", [](auto&, auto& d) { edit_manifest(d, [](auto& j) { j["version"] = 2; }); },
       "problem.json", "unsupported version 2 (this snnsense reads version 1)"},
      {"gaussian", [](auto&, auto& d) { edit_manifest(d, [](auto& j) { j["operator"] = "sparse"; }); },
       "problem.json", "unknown operator 'sparse' (expected dense, spectral, completion or rank-one)"},
      {"gaussian", [](auto&, auto& d) { edit_manifest(d, [](auto& j) { j["shape"] = {6, 0}; }); },
       "problem.json", "field 'shape[1]' must be an integer in [1, "},
      {"gaussian", [](auto&, auto& d) { edit_manifest(d, [](auto& j) { j["measurements"]["train"] = 1.5; }); },
       "problem.json", "field 'measurements.train' must be an integer"},
      {"gaussian", [](auto&, auto& d) { edit_manifest(d, [](auto& j) { j["measurements"]["valid"] = 3; }); },
       "problem.json", "unknown field 'measurements.valid'"},
      {"gaussian", [](auto&, auto& d) { edit_manifest(d, [](auto& j) { j["pixel_scale"] = 0; }); },
       "problem.json", "field 'pixel_scale' must be positive"},
      {"gaussian", [](auto&, auto& d) { edit_manifest(d, [](auto& j) { j["has_x_true"] = 1; }); },
       "problem.json", "field 'has_x_true' must be true or false"},
      {"gaussian", [](auto&, auto& d) { edit_manifest(d, [](auto& j) { j["provenance"] = "me"; }); },
       "problem.json", "field 'provenance' must be an object"},
      {"gaussian", [](auto&, auto& d) { fs::remove(d / "y.npy"); }, "y.npy", "no such file"},
      {"gaussian", [](auto&, auto& d) { fs::remove(d / "X_true.npy"); }, "X_true.npy", "no such file"},
      {"gaussian", [](auto&, auto& d) { fs::resize_file(d / "A.npy", fs::file_size(d / "A.npy") - 8); },
       "A.npy", "truncated data"},
      {"gaussian", [](auto&, auto& d) { write_bytes(d / "A.npy", "not an array"); }, "A.npy", ""},
      {"gaussian", [](auto&, auto& d) { npy::write_matrix(d / "A.npy", Matrix::Ones(16, 29)); },
       "A.npy", "shape (16, 29) disagrees with problem.json (expects (16, 30))"},
      {"gaussian", [](auto&, auto& d) { edit_manifest(d, [](auto& j) { j["measurements"]["test"] = 5; }); },
       "A.npy", "shape (16, 30) disagrees with problem.json (expects (17, 30))"},
      {"gaussian", [](auto&, auto& d) { npy::write_vector(d / "y.npy", Vector::Ones(15)); },
       "y.npy", "shape (15,) disagrees with problem.json (expects (16,))"},
      {"gaussian", [](auto&, auto& d) { npy::write_matrix(d / "X_true.npy", Matrix::Ones(5, 6)); },
       "X_true.npy", "shape (5, 6) disagrees"},
      {"gaussian",
       [nan](auto&, auto& d) {
         Vector y = npy::read_vector(d / "y.npy");
         y(3) = nan;
         npy::write_vector(d / "y.npy", y);
       },
       "y.npy", "entry 3 is NaN"},
      {"gaussian",
       [inf](auto&, auto& d) {
         Matrix A = npy::read_matrix(d / "A.npy");
         A(2, 5) = -inf;
         npy::write_matrix(d / "A.npy", A);
       },
       "A.npy", "entry (2, 5) is -inf"},
      {"gaussian",
       [](auto& root, auto& d) {
         ASSERT_EQ(run_python(root.path(), "import numpy as np\nf = '" + (d / "A.npy").string() +
                                               "'\nnp.save(f, np.asfortranarray(np.load(f)))\n"),
                   0);
       },
       "A.npy", "Fortran-order"},
      {"gaussian",
       [](auto& root, auto& d) {
         ASSERT_EQ(run_python(root.path(), "import numpy as np\nf = '" + (d / "y.npy").string() +
                                               "'\nnp.save(f, np.load(f).astype(np.complex128))\n"),
                   0);
       },
       "y.npy", "unsupported dtype '<c16'"},
      {"completion",
       [](auto&, auto& d) {
         IndexVector rows = npy::read_index_vector(d / "rows.npy");
         rows(4) = 6;
         npy::write_index_vector(d / "rows.npy", rows);
       },
       "rows.npy", "entry 4 is 6, outside [0, 6)"},
      {"completion",
       [](auto&, auto& d) {
         IndexVector cols = npy::read_index_vector(d / "cols.npy");
         cols(0) = -1;
         npy::write_index_vector(d / "cols.npy", cols);
       },
       "cols.npy", "entry 0 is -1, outside [0, 5)"},
      {"completion",
       [](auto&, auto& d) {
         // Measurement 13 (a test one) repeats the entry of measurement 2, and 9 repeats 7 (found first).
         IndexVector rows = npy::read_index_vector(d / "rows.npy"), cols = npy::read_index_vector(d / "cols.npy");
         rows(13) = rows(2), cols(13) = cols(2);
         rows(9) = rows(7), cols(9) = cols(7);
         npy::write_index_vector(d / "rows.npy", rows);
         npy::write_index_vector(d / "cols.npy", cols);
       },
       "rows.npy", "with cols.npy, entry ("},
      {"completion", [](auto&, auto& d) { npy::write_matrix(d / "cols.npy", Matrix::Zero(16, 1)); }, "cols.npy",
       "expected a 1-D array"},
      {"spectral",
       [](auto&, auto& d) { npy::write_matrix(d / "phi.npy", 1.001 * npy::read_matrix(d / "phi.npy")); },
       "phi.npy", "columns are not orthonormal"},
      {"spectral", [](auto&, auto& d) { npy::write_matrix(d / "phi.npy", Matrix::Identity(5, 5)); },
       "phi.npy", "shape (5, 5) disagrees with problem.json (expects (6, k))"},
      {"spectral",
       [](auto&, auto& d) { npy::write_matrix(d / "psi.npy", npy::read_matrix(d / "psi.npy").leftCols(4)); },
       "psi.npy", "shape (5, 4) disagrees with problem.json and phi.npy (expects (5, 5))"},
      {"spectral", [](auto&, auto& d) { fs::remove(d / "coefficients.npy"); }, "coefficients.npy", "no such file"},
      {"rank-one", [](auto&, auto& d) { npy::write_matrix(d / "right.npy", Matrix::Ones(16, 6)); },
       "right.npy", "shape (16, 6) disagrees with problem.json (expects (16, 5))"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.file + ": " + c.fault);
    TempDir root;
    const fs::path dir = saved(root, c.design);
    c.spoil(root, dir);
    try {
      load_problem(dir);
      ADD_FAILURE() << "no FileError";
    } catch (const FileError& e) {
      const std::string message = e.what();
      EXPECT_EQ(message.rfind((dir / c.file).string() + ": ", 0), 0u) << message;
      EXPECT_NE(message.find(c.fault), std::string::npos) << message;
      EXPECT_EQ(message.find('\n'), std::string::npos) << message;
    }
  }
}

TEST(ProblemIo, DuplicateCompletionEntriesAreRefusedNamingTheFirstPair) {
  TempDir root;
  const fs::path dir = saved(root, "completion");
  ASSERT_NO_THROW(load_problem(dir));  // the generator samples without replacement
  IndexVector rows = npy::read_index_vector(dir / "rows.npy"), cols = npy::read_index_vector(dir / "cols.npy");
  rows(13) = rows(2), cols(13) = cols(2);
  rows(9) = rows(7), cols(9) = cols(7);
  npy::write_index_vector(dir / "rows.npy", rows);
  npy::write_index_vector(dir / "cols.npy", cols);
  try {
    load_problem(dir);
    ADD_FAILURE() << "no FileError";
  } catch (const FileError& e) {
    const std::string expected = (dir / "rows.npy").string() + ": with cols.npy, entry (" + std::to_string(rows(7)) +
                                 ", " + std::to_string(cols(7)) + ") is measured twice, at measurements 7 and 9";
    EXPECT_EQ(std::string(e.what()).rfind(expected, 0), 0u) << e.what();
  }
}

TEST(ProblemIo, LoadOfAMissingDirectoryNamesIt) {
  TempDir root;
  try {
    load_problem(root / "nowhere");
    ADD_FAILURE() << "no FileError";
  } catch (const FileError& e) {
    EXPECT_NE(std::string(e.what()).find("nowhere: no such problem directory"), std::string::npos) << e.what();
  }
}

TEST(ProblemIo, RoundTripOfAFactoredGroundTruth) {
  Problem problem = sample("completion");
  const Matrix dense = *problem.x_true;
  problem.x_true.reset();
  problem.x_true_factors = LowRankFactors{dense, Matrix::Identity(5, 5)};  // X* = X* I^T, 6 x 5 and 5 x 5
  TempDir root;
  save_problem(problem, root.path());
  EXPECT_FALSE(fs::exists(root / "X_true.npy"));
  const Problem loaded = load_problem(root.path());
  expect_same(loaded, problem);
  ASSERT_TRUE(loaded.x_true_factors.has_value());
  EXPECT_EQ(loaded.x_true_factors->left, dense);
  EXPECT_EQ(loaded.x_true_factors->right, Matrix::Identity(5, 5));

  fs::remove(root / "x_true_right.npy");
  try {
    load_problem(root.path());
    ADD_FAILURE() << "no FileError";
  } catch (const FileError& e) {
    EXPECT_NE(std::string(e.what()).find("x_true_right.npy: missing"), std::string::npos) << e.what();
  }
}
