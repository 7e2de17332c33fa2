#pragma once
// The kernel of a dense least-squares gradient: for rows i of a row-major matrix A,
// r_i = <A_i, x> - y_i and g += r_i A_i, reading each row from memory once. Calling a BLAS
// matrix-vector product twice reads a large A twice; calling it per row stalls the stream of
// rows while each axpy runs. Here the dot product of row i+1 and the axpy of row i share one
// loop, so the next row streams in while the previous one, still in cache, is added to g.
#include "snnsense/core/types.hpp"

namespace snnsense {

// Rows [0, rows) of the rows x cols array `a` (row i at a + i * cols): writes r[0..rows) and adds
// to g[0..cols). The result depends only on the inputs, never on where the rows came from.
void residual_rows(const double* a, Index rows, Index cols, const double* x, const double* y, double* r, double* g);

}  // namespace snnsense
