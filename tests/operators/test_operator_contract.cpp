// The MeasurementOperator contract, checked once for every operator on every test shape.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "operator_cases.hpp"
#include "snnsense/core/error.hpp"
#include "snnsense/linalg/parallel_for.hpp"

using namespace snnsense;
using namespace snnsense::testing;

template <class Case>
class OperatorContract : public ::testing::Test {
 protected:
  // Calls check(op, X, r) with a fresh random operator, point and residual for each test shape.
  template <class Check>
  void for_each_shape(Check check) {
    Rng rng(2024);
    for (const Shape& shape : kShapes) {
      SCOPED_TRACE(::testing::Message() << "m=" << shape.m << " n1=" << shape.n1 << " n2=" << shape.n2);
      const typename Case::Operator op = Case::make(rng, shape);
      check(op, rng.normal_matrix(shape.n1, shape.n2), Vector(rng.normal_matrix(shape.m, 1)));
    }
  }
};

struct CaseNames {
  template <class Case>
  static std::string GetName(int) {
    // Test names must be identifiers, so "rank-one" becomes "rank_one".
    std::string name = to_string(Case::kind);
    std::ranges::replace(name, '-', '_');
    return name;
  }
};

using Cases = ::testing::Types<DenseCase, SpectralCase, CompletionCase, RankOneCase>;
TYPED_TEST_SUITE(OperatorContract, Cases, CaseNames);

TYPED_TEST(OperatorContract, ReportsKindAndShape) {
  this->for_each_shape([](const auto& op, const Matrix& X, const Vector& r) {
    EXPECT_EQ(op.kind(), TypeParam::kind);
    EXPECT_EQ(op.rows(), X.rows());
    EXPECT_EQ(op.cols(), X.cols());
    EXPECT_EQ(op.measurements(), r.size());
  });
}

TYPED_TEST(OperatorContract, AdjointIdentityHolds) {
  this->for_each_shape([](const auto& op, const Matrix& X, const Vector& r) {
    const Vector y = op.apply(X);
    const double lhs = y.dot(r), rhs = X.cwiseProduct(op.adjoint(r)).sum();
    EXPECT_LE(std::abs(lhs - rhs), 1e-12 * y.norm() * r.norm());
  });
}

TYPED_TEST(OperatorContract, ApplyTakesInnerProductWithEachComponent) {
  this->for_each_shape([](const auto& op, const Matrix& X, const Vector&) {
    Vector expected(op.measurements());
    for (Index i = 0; i < op.measurements(); ++i) expected(i) = TypeParam::component(op, i).cwiseProduct(X).sum();
    EXPECT_TRUE(relatively_close(op.apply(X), expected));
  });
}

TYPED_TEST(OperatorContract, AdjointSumsWeightedComponents) {
  this->for_each_shape([](const auto& op, const Matrix&, const Vector& r) {
    Matrix expected = Matrix::Zero(op.rows(), op.cols());
    for (Index i = 0; i < op.measurements(); ++i) expected += r(i) * TypeParam::component(op, i);
    EXPECT_TRUE(relatively_close(op.adjoint(r), expected));
  });
}

TYPED_TEST(OperatorContract, DenseRowsAreComponentsInCOrder) {
  this->for_each_shape([](const auto& op, const Matrix&, const Vector&) {
    const RowMatrix expansion = op.dense();
    ASSERT_EQ(expansion.rows(), op.measurements());
    ASSERT_EQ(expansion.cols(), op.rows() * op.cols());
    for (Index i = 0; i < op.measurements(); ++i)
      EXPECT_TRUE(relatively_close(expansion.row(i), vec_c(TypeParam::component(op, i)))) << "row " << i;
  });
}

TYPED_TEST(OperatorContract, AgreesWithItsDenseExpansion) {
  this->for_each_shape([](const auto& op, const Matrix& X, const Vector& r) {
    const DenseOperator expanded(op.dense(), op.rows(), op.cols());
    EXPECT_TRUE(relatively_close(op.apply(X), expanded.apply(X)));
    EXPECT_TRUE(relatively_close(op.adjoint(r), expanded.adjoint(r)));
  });
}

TYPED_TEST(OperatorContract, SubsetPicksMeasurementsInOrder) {
  this->for_each_shape([](const auto& op, const Matrix& X, const Vector&) {
    const std::vector<Index> picked{op.measurements() - 1, 0, 2, 2};
    const OperatorPtr sub = op.subset(picked);
    EXPECT_EQ(sub->kind(), op.kind());
    EXPECT_EQ(sub->rows(), op.rows());
    EXPECT_EQ(sub->cols(), op.cols());
    ASSERT_EQ(sub->measurements(), 4);
    const Vector full = op.apply(X);
    EXPECT_TRUE(relatively_close(sub->apply(X), Vector(full(picked))));
    EXPECT_TRUE(relatively_close(sub->dense(), RowMatrix(op.dense()(picked, Eigen::all))));
  });
}

TYPED_TEST(OperatorContract, SliceIsTheContiguousSubset) {
  this->for_each_shape([](const auto& op, const Matrix& X, const Vector&) {
    const Index m = op.measurements();
    EXPECT_TRUE(relatively_close(op.slice(1, m - 1)->apply(X), op.apply(X).segment(1, m - 2)));
    EXPECT_EQ(op.slice(2, 2)->measurements(), 0);
    EXPECT_EQ(op.slice(0, m)->measurements(), m);
  });
}

TYPED_TEST(OperatorContract, RejectsIndicesOutsideTheMeasurements) {
  this->for_each_shape([](const auto& op, const Matrix&, const Vector&) {
    const Index m = op.measurements();
    EXPECT_THROW(op.subset(std::vector<Index>{0, m}), InputError);
    EXPECT_THROW(op.subset(std::vector<Index>{-1}), InputError);
    EXPECT_THROW(op.slice(0, m + 1), InputError);
    EXPECT_THROW(op.slice(-1, 2), InputError);
    EXPECT_THROW(op.slice(3, 2), InputError);
  });
}

TYPED_TEST(OperatorContract, RejectsArgumentsOfTheWrongSize) {
  this->for_each_shape([](const auto& op, const Matrix&, const Vector&) {
    EXPECT_THROW(op.apply(Matrix::Zero(op.rows() + 1, op.cols())), InputError);
    EXPECT_THROW(op.apply(Matrix::Zero(op.rows(), op.cols() + 1)), InputError);
    EXPECT_THROW(op.adjoint(Vector::Zero(op.measurements() + 1)), InputError);
    Vector r;
    Matrix G;
    const Vector y = Vector::Zero(op.measurements());
    EXPECT_THROW(op.residual_and_adjoint(Matrix::Zero(op.rows() + 1, op.cols()), y, r, G, nullptr), InputError);
    EXPECT_THROW(op.residual_and_adjoint(Matrix::Zero(op.rows(), op.cols()), Vector::Zero(op.measurements() + 1), r,
                                         G, nullptr),
                 InputError);
  });
}

// The fused gradient products equal apply then adjoint, with and without threads.
TYPED_TEST(OperatorContract, ResidualAndAdjointIsApplyThenAdjoint) {
  ParallelFor pool(3);
  this->for_each_shape([&pool](const auto& op, const Matrix& X, const Vector& y) {
    const Vector expected_r = op.apply(X) - y;
    const Matrix expected_G = op.adjoint(expected_r);
    for (ParallelFor* threads : {static_cast<ParallelFor*>(nullptr), &pool}) {
      Vector r;
      Matrix G;
      op.residual_and_adjoint(X, y, r, G, threads);
      EXPECT_TRUE(relatively_close(r, expected_r));
      EXPECT_TRUE(relatively_close(G, expected_G));
    }
  });
}

TYPED_TEST(OperatorContract, FactoredProductsEqualTheDenseOnes) {
  // What a factored estimate X = L R^T needs: A(L R^T), A*(r) Q and A*(r)^T P, without forming
  // L R^T or A*(r) where the operator allows.
  Rng rng(11);
  this->for_each_shape([&rng](const auto& op, const Matrix&, const Vector& r) {
    const Index width = 3;
    const Matrix L = rng.normal_matrix(op.rows(), width), R = rng.normal_matrix(op.cols(), width);
    EXPECT_TRUE(relatively_close(op.apply_factored(L, R), op.apply(L * R.transpose())));
    EXPECT_TRUE(relatively_close(op.adjoint_times(r, R, nullptr), op.adjoint(r) * R));
    EXPECT_TRUE(relatively_close(op.adjoint_transpose_times(r, L, nullptr), op.adjoint(r).transpose() * L));
  });
}

// The first half of a factored least-squares gradient, fused or not, is apply_factored then
// adjoint_times; its product is exactly what adjoint_times gives for its weights (a loss gradient
// hands it out in place of that call).
TYPED_TEST(OperatorContract, FactoredResidualIsApplyFactoredThenAdjointTimes) {
  Rng rng(12);
  ParallelFor pool(3);
  this->for_each_shape([&rng, &pool](const auto& op, const Matrix&, const Vector& y) {
    const Index width = 3;
    const Matrix L = rng.normal_matrix(op.rows(), width), R = rng.normal_matrix(op.cols(), width);
    const Vector r = op.apply_factored(L, R) - y;
    const double divisor = 7.0;
    for (ParallelFor* threads : {static_cast<ParallelFor*>(nullptr), &pool}) {
      const FactoredResidual got = op.factored_residual(L, R, y, divisor, threads);
      EXPECT_NEAR(got.squared_norm, r.squaredNorm(), 1e-12 * r.squaredNorm());
      EXPECT_TRUE(relatively_close(got.weights, Vector(r / divisor)));
      EXPECT_EQ(got.adjoint_times_right, op.adjoint_times(got.weights, R, threads));
    }
    EXPECT_THROW(op.factored_residual(L, R, Vector::Zero(op.measurements() + 1), divisor, nullptr), InputError);
  });
}

TYPED_TEST(OperatorContract, FactoredProductsRefuseMismatchedFactors) {
  this->for_each_shape([](const auto& op, const Matrix&, const Vector& r) {
    const Matrix L = Matrix::Ones(op.rows(), 2), R = Matrix::Ones(op.cols(), 2);
    EXPECT_THROW(op.apply_factored(L, Matrix::Ones(op.cols() + 1, 2)), InputError);
    EXPECT_THROW(op.apply_factored(L, Matrix::Ones(op.cols(), 3)), InputError);
    EXPECT_THROW(op.adjoint_times(r, Matrix::Ones(op.cols() + 1, 2), nullptr), InputError);
    EXPECT_THROW(op.adjoint_transpose_times(r, Matrix::Ones(op.rows() + 1, 2), nullptr), InputError);
    EXPECT_THROW(op.adjoint_times(Vector::Ones(r.size() + 1), R, nullptr), InputError);
  });
}
