#pragma once
// Seeded problem generators: the paper's synthetic and image problems, rectangular low-rank
// matrices, and the four measurement designs.
#include <cstdint>
#include <optional>
#include <string>

#include "snnsense/problems/problem.hpp"

namespace snnsense {

struct GenerateOptions {
  std::string problem = "synthetic";  // synthetic (PSD W W^T) | rectangular | image
  std::string design = "gaussian";    // gaussian | spectral | completion | rank-one
  Index n = 10;                       // rows (and columns unless n2 is set)
  Index n2 = 0;                       // columns; 0 means n (square)
  Index rank = 6;                     // of the synthetic ground truth
  // Training measurements; 0 picks the paper's count: round(0.75 n1 n2) for synthetic problems
  // (75 at n = 10) and round(0.6 n1 n2) for images (470 at 28 x 28). Completion samples entries
  // without replacement, so there 0 picks half the entries and the default test split fits beside it.
  Index measurements = 0;
  double fraction = 0.0;    // completion only: training entries as a fraction of n1 n2 (overrides measurements)
  Index test = -1;          // held-out measurements; -1 means as many as training (the paper's split)
  // Standard deviation of the additive Gaussian noise on y as a fraction of the RMS of the clean
  // measurements A(X*): 0.01 is an SNR of 40 dB whatever the scale of X* and of the operator.
  double noise = 0.01;
  // Absolute standard deviation; when set it replaces `noise`. The paper's experiments use 0.01.
  std::optional<double> noise_abs;
  double scale = 0.0;       // entries of A_i are scale * N(0,1); 0 means n, as in the paper
  std::uint64_t seed = 0;
  std::string image;        // PATH to a PNG/JPEG, or fashion-mnist:INDEX / fashion-mnist-train:INDEX
  Index resize = 0;         // resize the image to resize x resize; 0 keeps its size
  double max_memory_gb = 2.0;  // refuse problems whose operators need more than this (GB, 1e9 bytes)
  // Completion only: how often rows and columns are observed, uniform | power-law (entry_sampling.hpp),
  // and the power law's exponent: rank k drawn with probability proportional to k^-exponent.
  std::string popularity = "uniform";
  double popularity_exponent = 1.0;

  // Throws InputError naming the offending option.
  void validate() const;
};

// A rectangular problem whose dense X* would exceed kDenseTruthLimitBytes (problem.hpp) keeps X* as
// factors (Problem::x_true_factors) and samples its completion entries with sample_distinct_entries:
// nothing n1 x n2 is allocated. Other problems store X* densely.
Problem generate_problem(const GenerateOptions& options);

}  // namespace snnsense
