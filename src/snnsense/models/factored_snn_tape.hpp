#pragma once
// What FactoredSnn's forward pass records for its backward pass (factored_snn.cpp and
// factored_snn_backward.cpp); not part of the models' interface.
#include <functional>
#include <vector>

#include "snnsense/models/factored_snn.hpp"

namespace snnsense {

struct FactoredSnn::FactoredTape : Model::Tape {
  Matrix P, Q;                // bases of span[U_k] (n1 x R1) and span[V_k] (n2 x R2)
  std::vector<Matrix> u, v;   // u_k = P^T U_k (R1 x r), v_k = Q^T V_k (R2 x r)
  // pre[l][i] is the core of X^(l+1)_i, the input of layer l's activation; post[l][i] its output.
  std::vector<std::vector<Matrix>> pre, post;
  std::vector<std::vector<SpectralActivationCache>> caches;
  // The loss gradient's products S Q (n1 x R2) and S^T P (n2 x R1), and K = P^T S Q.
  Matrix SQ, StP, K;
  // The blocks (G_core, A~, B~) of dLoss/dX for the matrices of the layer being processed
  // (out: its outputs' inputs to the next layer; in: its own inputs).
  std::vector<Matrix> g_out, a_out, b_out, g_in, a_in, b_in;

  // Cores this small decompose faster than a hand-over to other threads costs (the dense SNN's
  // threshold, models/snn.cpp).
  static constexpr Index kParallelMinSize = 16;
  bool parallel() const { return pool && std::min(P.cols(), Q.cols()) >= kParallelMinSize; }

  // body(0) for the rows' side (P, the U_k) and body(1) for the columns' side (Q, the V_k): the
  // O(n R^2) work of a step, independent between the two sides and worth a hand-over at any size.
  void for_each_side(const std::function<void(Index)>& body) {
    if (pool)
      pool->run(2, body);
    else
      for (Index side = 0; side < 2; ++side) body(side);
  }

  // body(i) for i in [0, count): the iterations write disjoint outputs.
  void for_each(Index count, const std::function<void(Index)>& body) {
    if (parallel())
      pool->run(count, body);
    else
      for (Index i = 0; i < count; ++i) body(i);
  }
};

}  // namespace snnsense
