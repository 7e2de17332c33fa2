#pragma once
// What the factored models' training tests share: small rectangular rank-2 problems for each
// operator, and the relative gap between a factored and a dense result.
#include <algorithm>
#include <string>

#include "snnsense/problems/generate.hpp"

namespace snnsense::check {

// Completion at half the entries, or `measurements` sensing measurements of N(0, 1) vectors (not
// the paper's scale n, under which rank-one GD diverged at every step size tried); 20 held out.
inline Problem factored_test_problem(const std::string& design, Index n1, Index n2, Index measurements = 40) {
  GenerateOptions g;
  g.problem = "rectangular";
  g.design = design;
  g.n = n1;
  g.n2 = n2;
  g.rank = 2;
  if (design == "completion")
    g.fraction = 0.5;
  else
    g.measurements = measurements;
  g.scale = 1.0;
  g.test = 20;
  return generate_problem(g);
}

// ||a - b|| / ||b||, finite when b is zero.
template <class A, class B>
double relative_gap(const Eigen::MatrixBase<A>& a, const Eigen::MatrixBase<B>& b) {
  return (a - b).norm() / std::max(b.norm(), 1e-300);
}

}  // namespace snnsense::check
