#pragma once
// The kernel of a dense least-squares gradient: for rows i of a row-major matrix A,
// r_i = <A_i, x> - y_i and g += r_i A_i, reading each row from memory once. Calling a BLAS
// matrix-vector product twice reads a large A twice; calling it per row stalls the stream of
// rows while each axpy runs. Here the dot products of one pair of rows and the axpy of the
// pair before share one loop, so the next rows stream in while the previous ones, still in
// cache, are added to g.
#include "snnsense/core/types.hpp"

namespace snnsense {

// Rows [0, rows) of the rows x cols array `a` (row i at a + i * cols): writes r[0..rows) and adds
// to g[0..cols). The result depends only on the inputs, never on where the rows came from.
void residual_rows(const double* a, Index rows, Index cols, const double* x, const double* y, double* r, double* g);

}  // namespace snnsense
