#!/usr/bin/env bash
# Builds the libFuzzer targets (fuzz/fuzz_*.cpp) with clang under AddressSanitizer and
# UndefinedBehaviorSanitizer, in the sanitized suite's build-sanitize/ (scripts/build-sanitize.sh),
# and runs each from its seed corpus (fuzz/corpus/<target>/). scripts/test.sh runs a fixed,
# seeded number of executions (the same inputs in every CI run, so that CI's verdict does not
# depend on chance or on the machine's speed); longer runs explore with a random seed.
#
#   bash scripts/fuzz.sh            # 60 seconds per target
#   RUNS=1000000 bash scripts/fuzz.sh   # a fixed number of executions per target instead
#   SEED=1 RUNS=20000 bash scripts/fuzz.sh   # what CI runs: libFuzzer's -seed fixed
#   ONLY="npy idx" bash scripts/fuzz.sh 30
#
# Ends non-zero at the first crash, sanitizer report, leak, timeout (a hang: -timeout=10 s per
# input) or out-of-memory (-rss_limit_mb=2048); the input that caused it is left in
# build-sanitize/findings/<target>/ and the command to replay it is printed. New inputs the fuzzer
# finds go to build-sanitize/corpus/<target>/, never into the repository's seeds. Prints one line per
# target: executions, their rate, and the corpus size.
set -euo pipefail
cd "$(dirname "$0")/.."

SECONDS_PER_TARGET=${1:-60}
export BUILD_DIR=${BUILD_DIR:-build-sanitize}
bash scripts/setup.sh

targets=()
for source in fuzz/fuzz_*.cpp; do
  name=$(basename "$source" .cpp)
  what=${name#fuzz_}
  if [ -n "${ONLY:-}" ] && [[ " $ONLY " != *" $what "* ]]; then continue; fi
  targets+=("$name")
done
bash scripts/build-sanitize.sh "${targets[@]}" > /dev/null

# Every input is written to a file the parser reads: in memory (/dev/shm) where there is one.
scratch_root=$BUILD_DIR
if [ -d /dev/shm ] && [ -w /dev/shm ]; then scratch_root=/dev/shm; fi
export TMPDIR="$scratch_root/snnsense-fuzz-scratch-$$"
mkdir -p "$TMPDIR"
trap 'rm -rf "$TMPDIR"' EXIT
limit=(-max_total_time="$SECONDS_PER_TARGET")
if [ -n "${RUNS:-}" ]; then limit=(-runs="$RUNS"); fi
if [ -n "${SEED:-}" ]; then limit+=(-seed="$SEED"); fi
# The parsers' own error paths are expected: ASan must not treat their exceptions as leaks.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
for name in "${targets[@]}"; do
  what=${name#fuzz_}
  corpus="$BUILD_DIR/corpus/$what"
  findings="$BUILD_DIR/findings/$what"
  mkdir -p "$corpus" "$findings"
  log="$BUILD_DIR/$what.log"
  if ! "$BUILD_DIR/fuzz/$name" "${limit[@]}" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
       -artifact_prefix="$findings/" "$corpus" "fuzz/corpus/$what" > "$log" 2>&1; then
    tail -40 "$log"
    echo "fuzz: $what FAILED; the input is in $findings/ (replay: $BUILD_DIR/fuzz/$name $findings/<file>)" >&2
    exit 1
  fi
  runs=$(grep -oE "stat::number_of_executed_units: *[0-9]+" "$log" | grep -oE "[0-9]+$" || echo "?")
  rate=$(grep -oE "exec/s: [0-9]+" "$log" | tail -1 | grep -oE "[0-9]+$" || echo "?")
  size=$(ls "$corpus" | wc -l)
  echo "fuzz: $what: $runs executions ($rate/s), corpus $size inputs, no crash, leak or hang"
done
