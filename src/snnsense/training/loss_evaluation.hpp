#pragma once
// The training loss 1/(2m) ||A(X) - y||^2 at params and its gradient, for any model and any
// operator: the one place where a model's estimate and an operator meet to form the loss
// gradient, in whichever form the pair supports (dense G, or the operator's adjoint products).
#include "snnsense/models/model.hpp"
#include "snnsense/operators/measurement_operator.hpp"

namespace snnsense {

struct LossEvaluation {
  EstimatePtr estimate;        // X at params; null when not even the start was finite (trainer)
  Vector residual;             // A(X) - y of a dense estimate (a factored one's pass keeps only the weights)
  Matrix dense_loss_gradient;  // dLoss/dX of a dense estimate; its storage is reused call to call
  Vector gradient;             // dLoss/dparams
  double loss = 0.0;
  bool finite = true;
};

// Fills `out` at params on (op, y). A non-finite intermediate (an SVD of a matrix with inf
// entries) is reported as finite = false rather than thrown: the caller decides (the trainer's
// divergence guard).
void evaluate_loss(const Model& model, Model::Tape& tape, const Vector& params, const MeasurementOperator& op,
                   const Vector& y, LossEvaluation& out);

}  // namespace snnsense
