#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <numeric>

#include "snnsense/core/error.hpp"
#include "snnsense/core/rng.hpp"
#include "snnsense/linalg/svd/warm_svd.hpp"

using namespace snnsense;

namespace {

Matrix with_singular_values(Rng& rng, Index p, Index q, const std::vector<double>& s) {
  const Matrix U = rng.orthogonal(p).leftCols(s.size());
  const Matrix V = rng.orthogonal(q).leftCols(s.size());
  const Vector sv = Eigen::Map<const Vector>(s.data(), s.size());
  return U * sv.asDiagonal() * V.transpose();
}

// Everything a caller relies on: orthonormal factors, descending non-negative s equal to
// dgesdd's, and Q = U diag(s) V^T, each to a few ulps relative to ||Q||.
void expect_valid_svd(const Matrix& Q, const ThinSvd& svd, const std::string& what) {
  const Index k = std::min(Q.rows(), Q.cols());
  ASSERT_EQ(svd.U.rows(), Q.rows()) << what;
  ASSERT_EQ(svd.V.rows(), Q.cols()) << what;
  ASSERT_EQ(svd.s.size(), k) << what;
  const double scale = std::max(Q.norm(), std::numeric_limits<double>::min());
  EXPECT_LT((svd.U.transpose() * svd.U - Matrix::Identity(k, k)).norm(), 1e-13) << what;
  EXPECT_LT((svd.V.transpose() * svd.V - Matrix::Identity(k, k)).norm(), 1e-13) << what;
  EXPECT_LT((svd.U * svd.s.asDiagonal() * svd.V.transpose() - Q).norm(), 1e-13 * scale) << what;
  for (Index i = 0; i + 1 < k; ++i) EXPECT_GE(svd.s(i), svd.s(i + 1)) << what;
  const ThinSvd reference = thin_svd(Q);
  EXPECT_LT((svd.s - reference.s).cwiseAbs().maxCoeff(), 1e-12 * std::max(reference.s(0), 1e-300)) << what;
}

struct Case {
  std::string name;
  std::function<Matrix(Rng&)> make;
  // Well-separated singular values: their vectors move little under a small perturbation, so
  // the warm start should almost always succeed. Inside a cluster they may turn by O(1).
  bool separated = false;
};

std::vector<Case> cases() {
  return {
      {"random square", [](Rng& r) { return r.normal_matrix(28, 28); }, true},
      {"random tall", [](Rng& r) { return r.normal_matrix(12, 7); }, true},
      {"random wide", [](Rng& r) { return r.normal_matrix(5, 11); }, true},
      {"one by one", [](Rng& r) { return r.normal_matrix(1, 1); }, true},
      {"single column", [](Rng& r) { return r.normal_matrix(6, 1); }, true},
      {"eps identity", [](Rng&) { return Matrix(1e-8 * Matrix::Identity(10, 10)); }},
      {"repeated singular values", [](Rng& r) { return with_singular_values(r, 9, 9, {2, 2, 2, 1, 1, 0.5, 0.5, 0.5, 0.1}); }},
      {"rank deficient square", [](Rng& r) { return with_singular_values(r, 10, 10, {3.0, 1.0, 0.2}); }},
      {"rank deficient tall", [](Rng& r) { return with_singular_values(r, 10, 6, {1.0, 0.5}); }},
      {"rank deficient wide", [](Rng& r) { return with_singular_values(r, 6, 10, {1.0, 0.5}); }},
      {"graded", [](Rng& r) { return with_singular_values(r, 8, 8, {1, 1e-2, 1e-4, 1e-6, 1e-8, 1e-10, 1e-12, 1e-14}); }, true},
      {"zero matrix", [](Rng&) { return Matrix(Matrix::Zero(5, 5)); }},
  };
}

}  // namespace

TEST(WarmSvd, FirstCallIsDgesdd) {
  Rng rng(1);
  const Matrix Q = rng.normal_matrix(7, 7);
  ThinSvd svd;
  WarmSvdState state;
  warm_thin_svd(Q, svd, state);
  EXPECT_EQ(state.counters.cold_calls, 1);
  EXPECT_EQ(state.counters.warm_calls, 0);
  const ThinSvd reference = thin_svd(Q);
  EXPECT_EQ(svd.s, reference.s);
  EXPECT_EQ(svd.U, reference.U);
}

TEST(WarmSvd, SmallStepsStayWarmAndAccurate) {
  // A gradient-descent-like path: every matrix a small perturbation of the previous one.
  for (const Case& c : cases()) {
    Rng rng(3);
    Matrix Q = c.make(rng);
    ThinSvd svd;
    WarmSvdState state;
    for (int step = 0; step < 20; ++step) {
      warm_thin_svd(Q, svd, state);
      expect_valid_svd(Q, svd, c.name + ", step " + std::to_string(step));
      Q += 1e-4 * std::max(Q.norm(), 1e-8) * rng.normal_matrix(Q.rows(), Q.cols()) / std::sqrt(double(Q.size()));
    }
    if (c.separated) {
      EXPECT_GE(state.counters.warm_calls, 15) << c.name;
    }
  }
}

TEST(WarmSvd, ExactInputsWithoutPerturbation) {
  // The same matrix again, and a rank-deficient or repeated-value matrix reached from a
  // decomposition of a different one: the cases where Jacobi meets exact ties and zero columns.
  for (const Case& c : cases()) {
    Rng rng(5);
    const Matrix Q = c.make(rng);
    ThinSvd svd;
    WarmSvdState state;
    warm_thin_svd(Q, svd, state);
    warm_thin_svd(Q, svd, state);
    expect_valid_svd(Q, svd, c.name + ", repeated call");
    const Matrix moved = Q + 1e-3 * rng.normal_matrix(Q.rows(), Q.cols());
    warm_thin_svd(moved, svd, state);
    warm_thin_svd(Q, svd, state);
    expect_valid_svd(Q, svd, c.name + ", back from a perturbed matrix");
    // The warm path itself must have produced some of these; only a zero matrix has no
    // direction for any left singular vector.
    if (c.name != "zero matrix") {
      EXPECT_GE(state.counters.warm_calls, 1) << c.name;
    }
  }
}

TEST(WarmSvd, LowRankPathStaysWarm) {
  // Q = L R^T with 3 columns, as in an SNN of rank 3: seven exactly zero singular values whose
  // vectors are rounding noise and must still come out orthonormal.
  for (const auto& [p, q] : {std::pair<Index, Index>{10, 10}, {12, 9}, {9, 12}}) {
    Rng rng(17);
    Matrix L = rng.normal_matrix(p, 3), R = rng.normal_matrix(q, 3);
    ThinSvd svd;
    WarmSvdState state;
    for (int step = 0; step < 20; ++step) {
      const Matrix Q = L * R.transpose();
      warm_thin_svd(Q, svd, state);
      expect_valid_svd(Q, svd, "low rank " + std::to_string(p) + " x " + std::to_string(q) + ", step " + std::to_string(step));
      L += 1e-4 * rng.normal_matrix(p, 3);
      R += 1e-4 * rng.normal_matrix(q, 3);
    }
    EXPECT_GE(state.counters.warm_calls, 15);
  }
}

TEST(WarmSvd, BatchesGiveTheBitsOfSingleCalls) {
  // Six matrices along their own paths, decomposed one by one, as one batch (a group of four
  // and one of two) and as a batch in another order: every result must be the same, bit for
  // bit, including the matrices that fall back to dgesdd and one that stays of rank 3 (its
  // zero singular values take another way out of the group than full-rank neighbours).
  Rng rng(19);
  std::vector<Matrix> Q{rng.normal_matrix(10, 10), 1e-8 * Matrix::Identity(10, 10), rng.normal_matrix(10, 10),
                        with_singular_values(rng, 10, 10, {3.0, 1.0, 0.2}), rng.normal_matrix(10, 10),
                        rng.normal_matrix(10, 10)};
  const std::size_t n = Q.size();
  std::vector<ThinSvd> single(n), batch(n), shuffled(n);
  std::vector<WarmSvdState> single_state(n), batch_state(n), shuffled_state(n);
  std::vector<std::size_t> order(n);
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::reverse(order.begin(), order.end());
  for (int step = 0; step < 6; ++step) {
    std::vector<const Matrix*> q, q_shuffled;
    std::vector<ThinSvd*> b, b_shuffled;
    std::vector<WarmSvdState*> st, st_shuffled;
    for (std::size_t i = 0; i < n; ++i) {
      warm_thin_svd(Q[i], single[i], single_state[i]);
      q.push_back(&Q[i]);
      b.push_back(&batch[i]);
      st.push_back(&batch_state[i]);
      q_shuffled.push_back(&Q[order[i]]);
      b_shuffled.push_back(&shuffled[order[i]]);
      st_shuffled.push_back(&shuffled_state[order[i]]);
    }
    warm_thin_svd(q, b, st);
    warm_thin_svd(q_shuffled, b_shuffled, st_shuffled);
    for (std::size_t i = 0; i < n; ++i) {
      EXPECT_EQ(batch[i].s, single[i].s) << i << ", step " << step;
      EXPECT_EQ(batch[i].U, single[i].U) << i << ", step " << step;
      EXPECT_EQ(batch[i].V, single[i].V) << i << ", step " << step;
      EXPECT_EQ(shuffled[i].U, single[i].U) << i << ", step " << step;
      EXPECT_EQ(shuffled[i].V, single[i].V) << i << ", step " << step;
      const Matrix step_noise = 1e-5 * rng.normal_matrix(10, 10);
      Q[i] += i == 3 ? Matrix(Q[i] * step_noise) : Matrix(std::max(Q[i].norm(), 1e-8) * step_noise);
    }
  }
  long warm = 0;
  for (const WarmSvdState& s : batch_state) warm += s.counters.warm_calls;
  EXPECT_GE(warm, 20);
}

TEST(WarmSvd, FarJumpFallsBackToDgesdd) {
  Rng rng(7);
  ThinSvd svd;
  WarmSvdState state;
  warm_thin_svd(rng.normal_matrix(20, 20), svd, state);
  const Matrix other = rng.normal_matrix(20, 20);
  WarmSvdOptions options;
  options.max_sweeps = 1;
  warm_thin_svd(other, svd, state, options);
  EXPECT_EQ(state.counters.cold_calls, 2);
  expect_valid_svd(other, svd, "unrelated matrix");
}

TEST(WarmSvd, ReorthogonalizesPeriodically) {
  Rng rng(9);
  const Matrix Q = rng.normal_matrix(6, 6);
  ThinSvd svd;
  WarmSvdState state;
  WarmSvdOptions options;
  options.reorthogonalize_every = 3;
  for (int i = 0; i < 8; ++i) warm_thin_svd(Q, svd, state, options);
  EXPECT_EQ(state.counters.cold_calls, 1);
  EXPECT_EQ(state.counters.warm_calls, 7);
  EXPECT_EQ(state.counters.reorthogonalizations, 2);  // before warm calls 3 and 6
  expect_valid_svd(Q, svd, "after re-orthogonalisations");
}

// Thousands of warm calls in a row: without the periodic re-orthogonalisation V drifts from
// orthogonality by about 4e-16 per call (1e-12 here); with it, it stays at working precision.
TEST(WarmSvd, StaysOrthogonalOverLongRuns) {
  Rng rng(21);
  const Index n = 12;
  Matrix Q = rng.normal_matrix(n, n);
  ThinSvd svd;
  WarmSvdState state;
  for (int call = 0; call < 3000; ++call) {
    Q += 1e-3 * Q.norm() / static_cast<double>(n) * rng.normal_matrix(n, n);
    warm_thin_svd(Q, svd, state);
  }
  EXPECT_EQ(state.counters.cold_calls, 1);
  const double drift = (svd.V.transpose() * svd.V - Matrix::Identity(n, n)).cwiseAbs().maxCoeff();
  EXPECT_LT(drift, 2e-14);
  expect_valid_svd(Q, svd, "after 3000 warm calls");
}

TEST(WarmSvd, ShapeChangeStartsCold) {
  Rng rng(11);
  ThinSvd svd;
  WarmSvdState state;
  warm_thin_svd(rng.normal_matrix(6, 4), svd, state);
  const Matrix Q = rng.normal_matrix(4, 6);
  warm_thin_svd(Q, svd, state);
  EXPECT_EQ(state.counters.cold_calls, 2);
  expect_valid_svd(Q, svd, "new shape");
}

TEST(WarmSvd, RejectsNonFiniteInput) {
  Rng rng(13);
  ThinSvd svd;
  WarmSvdState state;
  Matrix Q = rng.normal_matrix(4, 4);
  warm_thin_svd(Q, svd, state);
  for (const double bad : {std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::infinity(),
                           -std::numeric_limits<double>::infinity()}) {
    Matrix P = Q;
    P(1, 2) = bad;
    EXPECT_THROW(warm_thin_svd(P, svd, state), NumericalError) << bad;
  }
}
