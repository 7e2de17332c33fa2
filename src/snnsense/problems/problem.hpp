#pragma once
// A matrix-sensing problem: measurements of an n1 x n2 matrix split into a training part (what
// the models fit) and a test part (held out), with the ground truth when it is known.
#include <nlohmann/json.hpp>
#include <optional>

#include "snnsense/linalg/low_rank_factors.hpp"
#include "snnsense/linalg/spectral_basis.hpp"
#include "snnsense/operators/measurement_operator.hpp"

namespace snnsense {

struct Problem {
  Index n1 = 0;
  Index n2 = 0;
  OperatorPtr train_operator;
  Vector train_y;
  OperatorPtr test_operator;  // may have zero measurements
  Vector test_y;
  std::optional<Matrix> x_true;
  // X* = left right^T for problems too large to hold X* densely (generated when the dense X* would
  // exceed kDenseTruthLimitBytes); set instead of x_true, never together with it.
  std::optional<LowRankFactors> x_true_factors;
  // Set for well-specified problems (spectral operator): the shared singular vectors.
  std::optional<SpectralBasis> basis;
  // Image problems store X = pixels / pixel_scale (pixel_scale = nuclear norm of the image);
  // PSNR and pictures are computed in pixels. Zero for non-image problems.
  double pixel_scale = 0.0;
  double noise = 0.0;
  // Imported problems whose ids were labels: row k of the matrix is the user's row id row_ids[k]
  // (ascending), likewise for columns. Saved as row_ids.npy / col_ids.npy.
  std::optional<IndexVector> row_ids;
  std::optional<IndexVector> col_ids;
  // How the problem was made (generator, options, seed), carried into problem.json and reports.
  nlohmann::json provenance = nlohmann::json::object();

  bool has_truth() const { return x_true.has_value() || x_true_factors.has_value(); }
  bool is_image() const { return pixel_scale > 0.0; }
  // Over every part of a distributed problem.
  Index train_count() const { return train_operator ? train_operator->total_measurements() : 0; }
  Index test_count() const { return test_operator ? test_operator->total_measurements() : 0; }
  OperatorKind operator_kind() const { return train_operator->kind(); }
};

// The largest dense X* a problem stores: 1 GiB (2^27 doubles), the limit of a dense estimate. A larger
// generated X* is kept as factors (Problem::x_true_factors).
inline constexpr Index kDenseTruthLimitBytes = Index{1} << 30;

// The problem on all->rows() x all->cols() whose first `train` measurements (values y) train and
// the rest are held out, with the basis set when `all` is a spectral operator. The other fields
// stay at their defaults.
Problem split_measurements(const OperatorPtr& all, const Vector& y, Index train);

}  // namespace snnsense
