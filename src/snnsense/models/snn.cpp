#include "snnsense/models/snn.hpp"

#include <algorithm>
#include <functional>
#include <memory>

#include "snnsense/core/error.hpp"
#include "snnsense/linalg/blas.hpp"
#include "snnsense/linalg/dot_and_axpy.hpp"
#include "snnsense/linalg/weighted_sum.hpp"

namespace snnsense {

void SnnOptions::validate(Index n1, Index n2, bool has_spectral_basis) const {
  if (layers.empty()) throw InputError("--layers: at least one layer width is needed");
  for (int w : layers)
    if (w <= 0) throw InputError("--layers: widths must be positive integers, got " + std::to_string(w));
  if (rank < 0 || rank > std::min(n1, n2))
    throw InputError("--rank: must lie in 1.." + std::to_string(std::min(n1, n2)) + " (0 for the default), got " +
                     std::to_string(rank));
  if (!(identity_eps > 0.0)) throw InputError("--init-eps: must be positive");
  if (!(init_scale > 0.0)) throw InputError("--init-scale: must be positive");
  if (threads < 1) throw InputError("--threads: must be at least 1, got " + std::to_string(threads));
  if (init == SnnInit::spectral && !has_spectral_basis)
    throw InputError("--init spectral: needs a well-specified problem (operator 'spectral') to supply Phi and Psi");
}

struct Snn::SnnTape : Model::Tape {
  // pre[l][i] is X^(l+1)_i, the input of layer l's activation; post[l][i] its output.
  std::vector<std::vector<Matrix>> pre, post;
  std::vector<std::vector<SpectralActivationCache>> caches;
  // grad_out holds dLoss/dX^(l+2)_j for the layer being processed, grad_in dLoss/dX^(l+1)_i,
  // g_post dLoss/dsigma_f(X^(l+1)_i).
  std::vector<Matrix> grad_out, grad_in, g_post;
  // The data of the matrices the layer being built sums (weighted_sum's terms).
  std::vector<const double*> terms;

  // body(i) for i in [0, count): the iterations write disjoint outputs.
  void for_each(Index count, const std::function<void(Index)>& body) {
    if (pool)
      pool->run(count, body);
    else
      for (Index i = 0; i < count; ++i) body(i);
  }
};

Snn::Snn(Index n1, Index n2, SnnOptions options, std::optional<SpectralBasis> basis)
    : n1_(n1),
      n2_(n2),
      options_(std::move(options)),
      basis_(std::move(basis)),
      sigma_(options_.activation, options_.warm_start_svd ? SvdMethod::warm : SvdMethod::lapack) {
  if (n1 <= 0 || n2 <= 0) throw InputError("model: matrix shape must be positive");
  options_.validate(n1, n2, basis_.has_value());
  rank_ = options_.rank > 0 ? options_.rank : std::min(n1, n2);
  if (basis_ && options_.init == SnnInit::spectral) {
    if (basis_->phi.rows() != n1 || basis_->psi.rows() != n2 || basis_->phi.cols() < rank_ ||
        basis_->psi.cols() < rank_)
      throw InputError("--init spectral: the problem's basis does not fit an SNN of rank " + std::to_string(rank_));
  }
  widths_.assign(options_.layers.begin(), options_.layers.end());
  widths_.push_back(1);
  Index offset = widths_[0] * (n1_ + n2_) * rank_;
  for (std::size_t l = 0; l + 1 < widths_.size(); ++l) {
    alpha_offsets_.push_back(offset);
    offset += widths_[l] * widths_[l + 1];
  }
  parameter_count_ = offset;
}

Vector Snn::initial_parameters(Rng& rng) const {
  Vector params(parameter_count_);
  const double scale = options_.init_scale;
  // Column-major n x r matrix with the given diagonal.
  auto diagonal = [this](Index n, const Vector& d) {
    Matrix m = Matrix::Zero(n, rank_);
    m.diagonal().head(d.size()) = d;
    return m;
  };
  auto sorted_uniform = [&rng, this] {
    Vector u = rng.uniform_matrix(rank_, 1);
    std::sort(u.data(), u.data() + u.size(), std::greater<>());
    return u;
  };
  for (Index k = 0; k < widths_[0]; ++k) {
    Matrix U, V;
    switch (options_.init) {
      case SnnInit::spectral: {
        const Vector u = sorted_uniform(), v = sorted_uniform();
        const Matrix G = rng.orthogonal(rank_);
        U = basis_->phi.leftCols(rank_) * u.asDiagonal() * G;
        V = basis_->psi.leftCols(rank_) * v.asDiagonal() * G;
        break;
      }
      case SnnInit::identity:
        U = options_.identity_eps * Matrix::Identity(n1_, rank_);
        V = options_.identity_eps * Matrix::Identity(n2_, rank_);
        break;
      case SnnInit::random:
        U = rng.uniform_matrix(n1_, rank_);
        V = rng.uniform_matrix(n2_, rank_);
        break;
      case SnnInit::diag:
        U = diagonal(n1_, rng.uniform_matrix(std::min(n1_, rank_), 1));
        V = diagonal(n2_, rng.uniform_matrix(std::min(n2_, rank_), 1));
        break;
    }
    params.segment(u_offset(k), n1_ * rank_) = scale * U.reshaped();
    params.segment(v_offset(k), n2_ * rank_) = scale * V.reshaped();
  }
  for (std::size_t l = 0; l + 1 < widths_.size(); ++l) {
    const Index count = widths_[l] * widths_[l + 1];
    params.segment(alpha_offsets_[l], count) = rng.uniform_matrix(count, 1);
  }
  return params;
}

std::unique_ptr<Model::Tape> Snn::make_tape() const {
  auto tape = std::make_unique<SnnTape>();
  const std::size_t L = options_.layers.size();
  tape->pre.resize(L);
  tape->post.resize(L);
  tape->caches.resize(L);
  for (std::size_t l = 0; l < L; ++l) {
    tape->pre[l].resize(widths_[l]);
    tape->post[l].resize(widths_[l]);
    tape->caches[l].resize(widths_[l]);
  }
  // Below this size a sigma_f evaluation costs no more than handing it to another thread
  // (docs/performance.md): small networks run on the caller's thread whatever `threads` says.
  constexpr Index kParallelMinSize = 16;
  if (options_.threads > 1 && std::min(n1_, n2_) >= kParallelMinSize)
    tape->pool = std::make_unique<ParallelFor>(options_.threads);
  return tape;
}

WarmSvdCounters Snn::svd_counters(const Tape& base_tape) const {
  const auto& tape = static_cast<const SnnTape&>(base_tape);
  WarmSvdCounters total;
  for (const auto& layer : tape.caches)
    for (const SpectralActivationCache& cache : layer) total += cache.warm.counters;
  return total;
}

void Snn::save_tape(const Tape& tape, StateWriter& out) const {
  save_warm_decompositions(static_cast<const SnnTape&>(tape).caches, out);
}

void Snn::restore_tape(Tape& tape, StateReader& in) const {
  restore_warm_decompositions(static_cast<SnnTape&>(tape).caches, in);
}

MemoryEstimate Snn::network_memory(Index rows, Index cols) const {
  const double entries = static_cast<double>(rows) * static_cast<double>(cols);
  const double k = static_cast<double>(std::min(rows, cols));
  // A decomposition keeps U (rows x k), V (cols x k) and the previous pair for the warm start;
  // sigma_f's workspace is about as large again, with a k x k block.
  const double decomposition = options_.use_activation ? 4.0 * static_cast<double>(rows + cols) * k + k * k : 0.0;
  double matrices = 0.0, backward_matrices = 0.0;
  for (std::size_t l = 0; l + 1 < widths_.size(); ++l) {
    matrices += static_cast<double>(widths_[l]);
    backward_matrices = std::max(backward_matrices, static_cast<double>(2 * widths_[l] + widths_[l + 1]));
  }
  MemoryEstimate memory;
  memory.add_doubles("layer inputs and outputs", 2.0 * matrices * entries)
      .add_doubles("singular value decompositions", matrices * decomposition)
      .add_doubles("backward pass", backward_matrices * entries);
  return memory;
}

MemoryEstimate Snn::working_memory() const { return Model::working_memory().add(network_memory(n1_, n2_)); }

Matrix Snn::forward(const Vector& params, Tape& base_tape) const {
  auto& tape = static_cast<SnnTape&>(base_tape);
  const std::size_t L = options_.layers.size();
  // Layer l's inputs: U_k V_k^T for the first layer, else weighted sums of the previous
  // layer's outputs (column j of alpha^(l) holds input j's weights). `terms` is set once per
  // layer, before its tasks read it.
  auto set_terms = [&](std::size_t l) {
    tape.terms.clear();
    if (l > 0)
      for (const Matrix& post : tape.post[l - 1]) tape.terms.push_back(post.data());
  };
  auto build_input = [&](std::size_t l, Index j, Matrix& input) {
    input.resize(n1_, n2_);
    if (l > 0) {
      weighted_sum(tape.terms.data(), params.data() + alpha_offsets_[l - 1] + j * widths_[l - 1], widths_[l - 1],
                   input.data(), input.size());
      return;
    }
    const Eigen::Map<const Matrix> U(params.data() + u_offset(j), n1_, rank_);
    const Eigen::Map<const Matrix> V(params.data() + v_offset(j), n2_, rank_);
    blas::gemm(U, blas::Op::none, V, blas::Op::transpose, input);
  };
  for (std::size_t l = 0; l < L; ++l) {
    set_terms(l);
    // Groups of up to kSvdLanes matrices decompose together; there are at least as many
    // groups as threads while the layer has matrices for them. The grouping does not change
    // the results (linalg/svd/warm_svd.hpp). A group builds its own inputs first, in the same task, so
    // that a layer is one hand-over to the threads, not two.
    const Index width = widths_[l];
    const Index threads = tape.pool ? tape.pool->threads() : 1;
    const Index groups = std::max((width + kSvdLanes - 1) / kSvdLanes, std::min(width, threads));
    tape.for_each(groups, [&](Index g) {
      const Index begin = g * width / groups, end = (g + 1) * width / groups;
      for (Index k = begin; k < end; ++k) build_input(l, k, tape.pre[l][k]);
      const auto count = static_cast<std::size_t>(end - begin);
      const auto first = static_cast<std::size_t>(begin);
      if (options_.use_activation)
        sigma_.forward(std::span<const Matrix>(tape.pre[l]).subspan(first, count),
                       std::span(tape.caches[l]).subspan(first, count), std::span(tape.post[l]).subspan(first, count));
      else
        for (Index i = begin; i < end; ++i) tape.post[l][i] = tape.pre[l][i];
    });
  }
  set_terms(L);
  Matrix out;
  build_input(L, 0, out);
  return out;
}

Vector Snn::backward(const Vector& params, Tape& base_tape, const Matrix& G) const {
  auto& tape = static_cast<SnnTape&>(base_tape);
  const std::size_t L = options_.layers.size();
  Vector grad(parameter_count_);
  tape.grad_out.resize(1);
  tape.grad_out[0] = G;
  for (std::size_t l = L; l-- > 0;) {
    const Index din = widths_[l], dout = widths_[l + 1];
    const auto alpha = params.segment(alpha_offsets_[l], din * dout).reshaped(din, dout);
    auto galpha = grad.segment(alpha_offsets_[l], din * dout).reshaped(din, dout);
    tape.grad_in.resize(din);
    tape.g_post.resize(din);
    // The first layer's task goes on to the gradients of U_k and V_k (one hand-over, not two).
    tape.for_each(din, [&](Index i) {
      Matrix& g_post = tape.g_post[i];
      g_post.resize(n1_, n2_);
      for (Index j = 0; j < dout; ++j)
        galpha(i, j) = dot_and_axpy(tape.post[l][i].data(), tape.grad_out[j].data(), alpha(i, j), g_post.data(),
                                    g_post.size(), j > 0);
      Matrix& gQ = tape.grad_in[i];
      if (options_.use_activation)
        sigma_.backward(tape.caches[l][i], g_post, gQ);
      else
        gQ = g_post;
      if (l > 0) return;
      const Eigen::Map<const Matrix> U(params.data() + u_offset(i), n1_, rank_);
      const Eigen::Map<const Matrix> V(params.data() + v_offset(i), n2_, rank_);
      Eigen::Map<Matrix> gU(grad.data() + u_offset(i), n1_, rank_);
      Eigen::Map<Matrix> gV(grad.data() + v_offset(i), n2_, rank_);
      blas::gemm(gQ, blas::Op::none, V, blas::Op::none, gU);
      blas::gemm(gQ, blas::Op::transpose, U, blas::Op::none, gV);
    });
    std::swap(tape.grad_out, tape.grad_in);
  }
  return grad;
}

}  // namespace snnsense
