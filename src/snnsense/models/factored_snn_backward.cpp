// FactoredSnn's backward pass (docs/science.md §6). Any gradient G with respect to a network matrix
// splits into blocks with respect to (P, P_perp) x (Q, Q_perp); three of them reach parameters:
//   G_core = P^T G Q,   P^T G (I - Q Q^T) = A~ P^T S (I - Q Q^T),   (I - P P^T) G Q = (I - P P^T) S Q B~,
// with R1 x R1 and R2 x R2 matrices A~, B~ (at the output G = S: A~ = I, B~ = I). The fourth,
// P_perp x Q_perp, never reaches a parameter because every U_k lies in span P and every V_k in
// span Q. Mixing acts on the three linearly; sigma_f at a core C = W diag(s) Z^T acts on G_core as
// the dense backward pass of the core does, and on A~, B~ through the divided differences between
// a singular value and the zero singular values outside the span, f(s_i) / s_i (f'(0) for the
// directions of span P or Q outside W's or Z's columns).
#include <algorithm>

#include "snnsense/linalg/spectral_backward.hpp"
#include "snnsense/models/factored_snn.hpp"
#include "snnsense/models/factored_snn_tape.hpp"

namespace snnsense {

namespace {

// W diag(h) W^T X + f'(0) (I - W W^T) X with h_i = f(s_i) / s_i, as W diag(h - f'(0)) W^T X + f'(0) X:
// the A~ of sigma_f's input from that of its output (`from_left`), or X Z diag(h) Z^T + ... for B~.
void complement_backward(const Activation& f, const SpectralActivationCache& cache, const Matrix& X, bool from_left,
                         Matrix& out) {
  const Vector& s = cache.svd.s;
  const double f0 = f.derivative(0.0);
  Vector d(s.size());
  for (Index i = 0; i < s.size(); ++i) d(i) = secant_from_zero(f, s(i), cache.f_of_s(i)) - f0;
  if (from_left) {
    const Matrix& W = cache.svd.U;
    out.noalias() = W * (d.asDiagonal() * (W.transpose() * X));
  } else {
    const Matrix& Z = cache.svd.V;
    out.noalias() = ((X * Z) * d.asDiagonal()) * Z.transpose();
  }
  out += f0 * X;
}

}  // namespace

Vector FactoredSnn::pullback(const Vector& params, Tape& base_tape, const LossGradient& G) const {
  auto& tape = static_cast<FactoredTape&>(base_tape);
  const Matrix& P = tape.P;
  const Matrix& Q = tape.Q;
  // The only products of S = dLoss/dX ever formed.
  tape.SQ = G.times(Q);                     // n1 x R2
  tape.StP = G.transpose_times(P);          // n2 x R1
  tape.K.noalias() = P.transpose() * tape.SQ;  // R1 x R2

  Vector grad(parameter_count());
  tape.g_out.assign(1, tape.K);
  tape.a_out.assign(1, Matrix::Identity(P.cols(), P.cols()));
  tape.b_out.assign(1, Matrix::Identity(Q.cols(), Q.cols()));
  for (std::size_t l = net_.depth(); l-- > 0;) {
    backward_layer(l, params, tape, grad);
    std::swap(tape.g_out, tape.g_in);
    std::swap(tape.a_out, tape.a_in);
    std::swap(tape.b_out, tape.b_in);
  }
  // The first layer's blocks are now in the *_out lists (swapped above).
  tape.for_each_side([&](Index side) { input_gradients(side == 0, tape, grad); });
  return grad;
}

void FactoredSnn::backward_layer(std::size_t l, const Vector& params, FactoredTape& tape, Vector& grad) const {
  const Index layer = static_cast<Index>(l);
  const Index din = net_.width(layer), dout = net_.width(layer + 1);
  const auto alpha = params.segment(net_.alpha_offset(layer), din * dout).reshaped(din, dout);
  auto galpha = grad.segment(net_.alpha_offset(layer), din * dout).reshaped(din, dout);
  const auto count = static_cast<std::size_t>(din);
  tape.g_in.resize(count);
  tape.a_in.resize(count);
  tape.b_in.resize(count);
  const Activation& f = sigma_.function();
  tape.for_each(din, [&](Index i) {
    const auto I = static_cast<std::size_t>(i);
    // The blocks of dLoss/dsigma_f(X_i): the mix of those of the next layer's inputs.
    // dLoss/dalpha_ij = <G_j, sigma_f(X_i)> = <G_core_j, sigma_f(C_i)> (P, Q orthonormal).
    Matrix g_post = alpha(i, 0) * tape.g_out[0];
    Matrix a_post = alpha(i, 0) * tape.a_out[0];
    Matrix b_post = alpha(i, 0) * tape.b_out[0];
    for (Index j = 0; j < dout; ++j) {
      const auto J = static_cast<std::size_t>(j);
      galpha(i, j) = tape.post[l][I].cwiseProduct(tape.g_out[J]).sum();
      if (j == 0) continue;
      g_post += alpha(i, j) * tape.g_out[J];
      a_post += alpha(i, j) * tape.a_out[J];
      b_post += alpha(i, j) * tape.b_out[J];
    }
    if (options().use_activation) {
      SpectralActivationCache& cache = tape.caches[l][I];
      sigma_.backward(cache, g_post, tape.g_in[I]);
      complement_backward(f, cache, a_post, true, tape.a_in[I]);
      complement_backward(f, cache, b_post, false, tape.b_in[I]);
    } else {
      tape.g_in[I] = std::move(g_post);
      tape.a_in[I] = std::move(a_post);
      tape.b_in[I] = std::move(b_post);
    }
  });
}

// With U_k = P u_k and V_k = Q v_k, dLoss/dU_k = G_k V_k and dLoss/dV_k = G_k^T U_k become
//   dLoss/dU_k = P G_core_k v_k + (S Q - P K) B~_k v_k = P (G_core_k v_k - K B~_k v_k) + S Q B~_k v_k,
//   dLoss/dV_k = Q G_core_k^T u_k + (S^T P - Q K^T) A~_k^T u_k = Q (...) + S^T P A~_k^T u_k,
// and the d1 blocks side by side, [dLoss/dU_1 .. dLoss/dU_d1] (where they lie in the gradient), are
// two products of an n-row matrix with an R x d1 r one.
void FactoredSnn::input_gradients(bool rows_side, FactoredTape& tape, Vector& grad) const {
  const Index r = rank(), d1 = net_.width(0);
  const Matrix& basis = rows_side ? tape.P : tape.Q;
  const Matrix& product = rows_side ? tape.SQ : tape.StP;  // its columns: the other side's basis
  Matrix core_part(basis.cols(), d1 * r), rest_part(product.cols(), d1 * r);
  for (Index k = 0; k < d1; ++k) {
    const auto K = static_cast<std::size_t>(k);
    if (rows_side) {
      core_part.middleCols(k * r, r).noalias() = tape.g_out[K] * tape.v[K];
      rest_part.middleCols(k * r, r).noalias() = tape.b_out[K] * tape.v[K];
    } else {
      core_part.middleCols(k * r, r).noalias() = tape.g_out[K].transpose() * tape.u[K];
      rest_part.middleCols(k * r, r).noalias() = tape.a_out[K].transpose() * tape.u[K];
    }
  }
  if (rows_side)
    core_part.noalias() -= tape.K * rest_part;
  else
    core_part.noalias() -= tape.K.transpose() * rest_part;
  Eigen::Map<Matrix> g(grad.data() + (rows_side ? net_.u_offset(0) : net_.v_offset(0)), basis.rows(), d1 * r);
  g.noalias() = basis * core_part;
  g.noalias() += product * rest_part;
}

}  // namespace snnsense
