#pragma once
// Numeric vocabulary shared by every layer: double precision, Eigen's default (column-major) storage.
#include <Eigen/Dense>

namespace snnsense {

using Matrix = Eigen::MatrixXd;
using Vector = Eigen::VectorXd;
using Index = Eigen::Index;
using IndexVector = Eigen::Matrix<std::int64_t, Eigen::Dynamic, 1>;
// numpy's C order: the layout of every array on disk and of vec(X) in the measurement maps.
using RowMatrix = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

}  // namespace snnsense
