#include "snnsense/problems/problem.hpp"

#include "snnsense/operators/spectral_operator.hpp"

namespace snnsense {

Problem split_measurements(const OperatorPtr& all, const Vector& y, Index train) {
  const Index count = all->measurements();
  Problem problem;
  problem.n1 = all->rows();
  problem.n2 = all->cols();
  problem.train_operator = all->slice(0, train);
  problem.train_y = y.head(train);
  problem.test_operator = all->slice(train, count);
  problem.test_y = y.tail(count - train);
  if (const auto* spectral = dynamic_cast<const SpectralOperator*>(all.get()))
    problem.basis = SpectralBasis{spectral->phi(), spectral->psi()};
  return problem;
}

}  // namespace snnsense
