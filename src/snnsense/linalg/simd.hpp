#pragma once
// What the few kernels whose speed depends on 4-wide vectors share (the Jacobi sweeps, the dense
// operator's rows).
//
// SNNSENSE_AVX2_CLONE marks such a kernel. A build for the machine itself (SNNSENSE_NATIVE)
// compiles everything for its processor and the mark does nothing; a portable build with GCC on
// x86-64 compiles each marked function twice, for AVX2 and for the SSE2 baseline, and picks one
// at load time. Helpers called from a marked function must be compiled into each clone, not
// called from it: mark them SNNSENSE_INLINE.
#if defined(__AVX2__)
#include <immintrin.h>
#define SNNSENSE_AVX2_CLONE
#elif defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#define SNNSENSE_AVX2_CLONE __attribute__((target_clones("arch=x86-64-v3", "default")))
#else
#define SNNSENSE_AVX2_CLONE
#endif
#define SNNSENSE_INLINE inline __attribute__((always_inline))

namespace snnsense {

// Four doubles (GCC/Clang vector extension: arithmetic acts element by element). Declared with
// the alignment of a double, since the baseline ABI aligns a 32-byte vector to 16 bytes and the
// AVX2 one to 32: it may be read from any double's address, and may_alias lets it live in plain
// doubles. Each compiler needs its own spelling for that: clang ignores `aligned` on a
// using-declaration (it assumed 32 bytes: UBSan's misaligned loads and stores), and GCC 12 honours
// it there but, given the typedef, emits aligned moves in residual_rows that fault.
#if defined(__clang__)
typedef double Double4 __attribute__((vector_size(4 * sizeof(double)), aligned(sizeof(double)), may_alias));
#else
using Double4 = double __attribute__((vector_size(4 * sizeof(double)), aligned(sizeof(double)), may_alias));
#endif
static_assert(alignof(Double4) == alignof(double), "Double4 must be readable at any double's address");

}  // namespace snnsense
