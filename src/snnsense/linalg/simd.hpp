#pragma once
// SNNSENSE_AVX2_CLONE marks the few kernels whose speed depends on 4-wide vectors (the Jacobi
// sweeps, the dense operator's rows). A build for the machine itself (SNNSENSE_NATIVE) compiles
// everything for its processor and the mark does nothing; a portable build with GCC on x86-64
// compiles each marked function twice, for AVX2 and for the SSE2 baseline, and picks one at load
// time. Helpers called from a marked function must be inlined into it to share its clone.
#if defined(__AVX2__)
#include <immintrin.h>
#define SNNSENSE_AVX2_CLONE
#elif defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#define SNNSENSE_AVX2_CLONE __attribute__((target_clones("arch=x86-64-v3", "default")))
#else
#define SNNSENSE_AVX2_CLONE
#endif
