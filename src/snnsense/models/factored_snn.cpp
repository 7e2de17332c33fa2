#include "snnsense/models/factored_snn.hpp"

#include <algorithm>
#include <functional>
#include <vector>

#include "snnsense/core/error.hpp"
#include "snnsense/models/factored_snn_tape.hpp"
#include "snnsense/models/span_basis.hpp"

namespace snnsense {

FactoredSnn::FactoredSnn(Index n1, Index n2, SnnOptions options, std::optional<SpectralBasis> basis)
    : net_(n1, n2, std::move(options), std::move(basis)),
      sigma_(net_.options().activation, net_.options().warm_start_svd ? SvdMethod::warm : SvdMethod::lapack) {}

std::unique_ptr<Model::Tape> FactoredSnn::make_tape() const {
  auto tape = std::make_unique<FactoredTape>();
  const std::size_t L = net_.depth();
  tape->pre.resize(L);
  tape->post.resize(L);
  tape->caches.resize(L);
  for (std::size_t l = 0; l < L; ++l) {
    const auto width = static_cast<std::size_t>(net_.width(static_cast<Index>(l)));
    tape->pre[l].resize(width);
    tape->post[l].resize(width);
    tape->caches[l].resize(width);
  }
  const auto inputs = static_cast<std::size_t>(net_.width(0));
  tape->u.resize(inputs);
  tape->v.resize(inputs);
  // The pool also serves the measurement operator's passes over the entries (the trainer hands
  // it over), so it exists whenever threads are asked for; the core loops use it only for cores
  // large enough to be worth the hand-over (FactoredTape::parallel).
  if (options().threads > 1) tape->pool = std::make_unique<ParallelFor>(options().threads);
  return tape;
}

const Matrix& FactoredSnn::row_basis(const Tape& tape) const { return static_cast<const FactoredTape&>(tape).P; }
const Matrix& FactoredSnn::column_basis(const Tape& tape) const { return static_cast<const FactoredTape&>(tape).Q; }

void FactoredSnn::save_tape(const Tape& base_tape, StateWriter& out) const {
  const auto& tape = static_cast<const FactoredTape&>(base_tape);
  out.put_matrix(tape.P);
  out.put_matrix(tape.Q);
  save_warm_decompositions(tape.caches, out);
}

void FactoredSnn::restore_tape(Tape& base_tape, StateReader& in) const {
  auto& tape = static_cast<FactoredTape&>(base_tape);
  tape.P = in.get_matrix();
  tape.Q = in.get_matrix();
  if ((tape.P.size() > 0 && tape.P.rows() != rows()) || (tape.Q.size() > 0 && tape.Q.rows() != cols()))
    in.fail("bases of another problem's shape");
  restore_warm_decompositions(tape.caches, in);
}

WarmSvdCounters FactoredSnn::svd_counters(const Tape& base_tape) const {
  const auto& tape = static_cast<const FactoredTape&>(base_tape);
  WarmSvdCounters total;
  for (const auto& layer : tape.caches)
    for (const SpectralActivationCache& cache : layer) total += cache.warm.counters;
  return total;
}

void FactoredSnn::bases_and_inputs(const Vector& params, FactoredTape& tape) const {
  const Index r = rank(), d1 = net_.width(0);
  // [U_1 .. U_d1] and [V_1 .. V_d1] lie in params as n x d1 r matrices.
  const Eigen::Map<const Matrix> U(params.data() + net_.u_offset(0), rows(), d1 * r);
  const Eigen::Map<const Matrix> V(params.data() + net_.v_offset(0), cols(), d1 * r);
  tape.for_each_side([&](Index side) {
    Matrix& basis = side == 0 ? tape.P : tape.Q;
    std::vector<Matrix>& inputs = side == 0 ? tape.u : tape.v;
    // Aligned with the previous step's basis (a fixed shape: min(n, d1 r) columns), the cores move
    // as little as the parameters do, which is what the warm-started SVD needs.
    SpanBasis span = span_basis(side == 0 ? U : V, basis.size() > 0 ? &basis : nullptr);
    basis = std::move(span.basis);
    // u_k = P^T U_k and v_k = Q^T V_k: U_k = P u_k and V_k = Q v_k because P and Q span them.
    for (Index k = 0; k < d1; ++k) inputs[static_cast<std::size_t>(k)] = span.coordinates.middleCols(k * r, r);
  });
}

MemoryEstimate FactoredSnn::working_memory() const {
  const Index n1 = rows(), n2 = cols(), spanned = net_.width(0) * rank();
  const Index r1 = std::min(n1, spanned), r2 = std::min(n2, spanned);
  const double bases = static_cast<double>(n1 * r1 + n2 * r2);
  const double sides = static_cast<double>(n1 * r2 + n2 * r1 + r1 * r2);
  Index widest = 1;
  for (std::size_t l = 0; l < net_.depth(); ++l) widest = std::max(widest, net_.width(static_cast<Index>(l)));
  MemoryEstimate memory = net_.network_memory(r1, r2);
  memory.add_doubles("bases P and Q", bases)
      .add_doubles("gradient products G Q and G^T P", 2.0 * (2.0 * static_cast<double>(widest) + 1.0) * sides)
      .add_doubles("factored estimate", bases + static_cast<double>(r1 * r2))
      .add_doubles("parameter gradient", static_cast<double>(parameter_count()));
  return memory;
}

std::unique_ptr<Estimate> FactoredSnn::estimate(const Vector& params, Tape& base_tape) const {
  auto& tape = static_cast<FactoredTape&>(base_tape);
  if (params.size() != parameter_count())
    throw InputError("factored snn: " + std::to_string(params.size()) + " parameters given, " +
                     std::to_string(parameter_count()) + " expected");
  bases_and_inputs(params, tape);
  const std::size_t L = net_.depth();
  const bool activation = options().use_activation;
  // Layer l's input j: u_j v_j^T for the first layer, else the mix of the previous layer's
  // outputs with column j of alpha^(l-1).
  auto build_input = [&](std::size_t l, Index j, Matrix& input) {
    if (l == 0) {
      input.noalias() = tape.u[static_cast<std::size_t>(j)] * tape.v[static_cast<std::size_t>(j)].transpose();
      return;
    }
    const Index din = net_.width(static_cast<Index>(l - 1));
    const double* alpha = params.data() + net_.alpha_offset(static_cast<Index>(l - 1)) + j * din;
    input = alpha[0] * tape.post[l - 1][0];
    for (Index i = 1; i < din; ++i) input += alpha[i] * tape.post[l - 1][static_cast<std::size_t>(i)];
  };
  for (std::size_t l = 0; l < L; ++l) {
    // Groups of up to kSvdLanes cores decompose together (the grouping does not change the
    // results: linalg/svd/warm_svd.hpp), at least as many groups as threads.
    const Index width = net_.width(static_cast<Index>(l));
    const Index threads = tape.parallel() ? tape.pool->threads() : 1;
    const Index groups = std::max((width + kSvdLanes - 1) / kSvdLanes, std::min(width, threads));
    tape.for_each(groups, [&](Index g) {
      const Index begin = g * width / groups, end = (g + 1) * width / groups;
      for (Index k = begin; k < end; ++k) build_input(l, k, tape.pre[l][static_cast<std::size_t>(k)]);
      const auto first = static_cast<std::size_t>(begin);
      const auto count = static_cast<std::size_t>(end - begin);
      if (activation)
        sigma_.forward(std::span<const Matrix>(tape.pre[l]).subspan(first, count),
                       std::span(tape.caches[l]).subspan(first, count), std::span(tape.post[l]).subspan(first, count));
      else
        for (std::size_t i = first; i < first + count; ++i) tape.post[l][i] = tape.pre[l][i];
    });
  }
  Matrix out;
  build_input(L, 0, out);
  if (out.rows() == out.cols()) return std::make_unique<FactoredEstimate>(tape.P, std::move(out), tape.Q);
  // Spans of different dimension (d1 r above n1 or n2): X = (P W) diag(s) (Q Z)^T from the core's
  // SVD, so that the estimate's factors have one width, min(R1, R2), and stay thin.
  const ThinSvd svd = thin_svd(out);
  return std::make_unique<FactoredEstimate>(tape.P * svd.U, Matrix(svd.s.asDiagonal()), tape.Q * svd.V);
}

Matrix FactoredSnn::forward(const Vector& params, Tape& tape) const { return estimate(params, tape)->dense(); }

Vector FactoredSnn::backward(const Vector& params, Tape& tape, const Matrix& G) const {
  if (G.rows() != rows() || G.cols() != cols())
    throw InputError("factored snn: the loss gradient is " + std::to_string(G.rows()) + " x " +
                     std::to_string(G.cols()) + ", the model " + std::to_string(rows()) + " x " +
                     std::to_string(cols()));
  return pullback(params, tape, DenseLossGradient(G));
}

}  // namespace snnsense
