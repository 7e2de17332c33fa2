#pragma once
// How far a reconstruction is from the ground truth, and how well it fits the measurements. Each
// metric takes a dense X or an estimate in any form (the same number for a dense estimate).
#include "snnsense/models/estimate.hpp"
#include "snnsense/operators/measurement_operator.hpp"
#include "snnsense/problems/problem.hpp"

namespace snnsense {

// 1/(2m) ||A(X) - y||^2, the training objective (0 when m = 0).
double sensing_loss(const MeasurementOperator& op, const Vector& y, const Matrix& X);
double sensing_loss(const MeasurementOperator& op, const Vector& y, const Estimate& X);

// The residual r = A(X) - y of m measurements summarised: the loss ||r||^2/(2m) (the same number
// as sensing_loss), the root mean square sqrt(||r||^2/m) and the mean absolute value ||r||_1/m.
// For completion these are the RMSE and MAE of the predicted entries, in the data's units.
// All zero when m = 0.
struct ResidualSummary {
  double loss = 0.0;
  double rmse = 0.0;
  double mae = 0.0;
};
ResidualSummary residual_summary(const MeasurementOperator& op, const Vector& y, const Estimate& X);
// The same of a residual already formed (solvers that keep their predictions).
ResidualSummary summarize_residual(const Vector& r);

// ||X - X*||_F / ||X*||_F
double relative_error(const Matrix& X, const Matrix& x_true);
double relative_error(const Estimate& X, const Matrix& x_true);
// X* = left right^T, never formed: the ground truth of a large problem.
double relative_error(const Estimate& X, const LowRankFactors& x_true);

// 20 log10(255 / sqrt(MSE)) between X and X* in pixels (both multiplied by pixel_scale).
double psnr(const Matrix& X, const Matrix& x_true, double pixel_scale);
double psnr(const Estimate& X, const Matrix& x_true, double pixel_scale);

// ||offdiag(Phi^T X Psi)||_F / ||X||_F: zero while X keeps the well-specified problem's
// singular vectors, the invariance that the paper's theory rests on.
double off_diagonal_mass(const Matrix& X, const SpectralBasis& basis);
double off_diagonal_mass(const Estimate& X, const SpectralBasis& basis);

}  // namespace snnsense
