#!/usr/bin/env bash
# Configures and builds build-sanitize/ (or BUILD_DIR): clang, AddressSanitizer and
# UndefinedBehaviorSanitizer on the library, the CLI, the tests and the Python module, compiled
# with libFuzzer's coverage so that the fuzz targets link in the same tree. scripts/test.sh runs
# the suite in it and scripts/fuzz.sh the fuzzers; this is the one place its options are set.
#
#   bash scripts/build-sanitize.sh                  # everything
#   bash scripts/build-sanitize.sh fuzz_npy ...     # only these targets
#
# Not for the processor at hand (SNNSENSE_NATIVE=OFF): the plain build checks the native code, and
# the baseline compiles quicker. No benchmarks: they are built and checked by the plain build.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${BUILD_DIR:-build-sanitize}

cmake -S . -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=Release -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ \
  -DSNNSENSE_BUILD_FUZZERS=ON -DSNNSENSE_NATIVE=OFF -DSNNSENSE_BUILD_BENCH=OFF > /dev/null
targets=()
for target in "$@"; do targets+=(--target "$target"); done
cmake --build "$BUILD_DIR" -j"$(nproc)" "${targets[@]}"
