#pragma once
// Numeric vocabulary shared by every layer: double precision, Eigen's default (column-major) storage.
// GCC 12 reports -Wmaybe-uninitialized in its own AVX-512 intrinsics (the deliberately
// uninitialised `_mm256_undefined_pd()`) wherever Eigen's AVX-512 kernels are inlined into our
// code, thousands of times per build with -march=native on an AVX-512 processor. GCC honours a
// diagnostic pragma at any location of the inlining chain, so ignoring the warning around Eigen's
// headers only silences chains that pass through Eigen; our own code still gets the warning. Every
// file reaches Eigen through this header (CMakeLists.txt says why it is done here).
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
#include <Eigen/Dense>
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif

namespace snnsense {

using Matrix = Eigen::MatrixXd;
using Vector = Eigen::VectorXd;
using Index = Eigen::Index;
using IndexVector = Eigen::Matrix<std::int64_t, Eigen::Dynamic, 1>;
// numpy's C order: the layout of every array on disk and of vec(X) in the measurement maps.
using RowMatrix = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

}  // namespace snnsense
