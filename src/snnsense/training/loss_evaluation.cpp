#include "snnsense/training/loss_evaluation.hpp"

#include <cmath>
#include <span>
#include <utility>

#include "snnsense/core/error.hpp"
#include "snnsense/training/operator_loss_gradient.hpp"

namespace snnsense {

void evaluate_loss(const Model& model, Model::Tape& tape, const Vector& params, const MeasurementOperator& op,
                   const Vector& y, LossEvaluation& out) {
  try {
    out.estimate = model.estimate(params, tape);
    // Divisor and sums over every part of a distributed operator's measurements (the operator
    // sums its adjoint products itself).
    const double m = static_cast<double>(op.total_measurements());
    if (const Matrix* X = out.estimate->dense_form()) {
      // One fused pass: the dense operator reads its matrix once for r and G = A*(r).
      op.residual_and_adjoint(*X, y, out.residual, out.dense_loss_gradient, tape.pool.get());
      double squares = out.residual.squaredNorm();
      op.sum_over_parts(std::span<double>(&squares, 1));
      out.loss = 0.5 * squares / m;
      out.dense_loss_gradient /= m;
      out.gradient = model.pullback(params, tape, DenseLossGradient(out.dense_loss_gradient));
    } else if (const FactoredForm* factored = out.estimate->factored_form()) {
      // Never an n1 x n2 matrix: the model asks the operator for G Q and G^T P. The residual's pass
      // also forms G Q for the estimate's own Q, the product the factored SNN asks for.
      FactoredResidual residual = op.factored_residual(factored->left, factored->Q, y, m, tape.pool.get());
      out.loss = 0.5 * residual.squared_norm / m;
      out.gradient =
          model.pullback(params, tape, OperatorLossGradient(op, std::move(residual), factored->Q, tape.pool.get()));
    } else {
      throw InputError("an estimate that is neither dense nor factored has no loss gradient");
    }
    out.finite = std::isfinite(out.loss) && out.gradient.allFinite();
  } catch (const NumericalError&) {
    out.finite = false;
  }
}

}  // namespace snnsense
