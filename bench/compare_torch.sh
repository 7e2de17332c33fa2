#!/usr/bin/env bash
# Side-by-side speed of `snnsense train` and our PyTorch implementation of the same network
# (bench/torch_reference.py) on the benchmark configurations of docs/performance.md, with 1
# and then 2 threads on both sides, plus a check that both compute the same function.
#
#   bench/compare_torch.sh                 # builds build/snnsense if it is missing
#   BUILD_DIR=build-perf REPEATS=5 bench/compare_torch.sh
#   ONLY="fig3 gauss64" bench/compare_torch.sh     # some configurations only
#
# Each timing is the median of REPEATS runs (default 3). Takes a few minutes; run it on a quiet
# machine (the load average is printed) because both programs are timed by wall clock.
set -euo pipefail
cd "$(dirname "$0")/.."

BUILD_DIR=${BUILD_DIR:-build}
REPEATS=${REPEATS:-3}
THREAD_COUNTS=${THREAD_COUNTS:-"1 2"}
PY=/usr/bin/python3  # Debian's torch lives in the system interpreter
SNN="$BUILD_DIR/snnsense"
TORCH_REF=bench/torch_reference.py

if [ ! -x "$SNN" ]; then
  cmake -S . -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=Release > /dev/null
  cmake --build "$BUILD_DIR" -j"$(nproc)" --target snnsense_cli > /dev/null
fi
if ! "$PY" -c "import torch" 2> /dev/null; then
  echo "compare_torch: installing python3-torch (needed by this benchmark only)" >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-torch > /dev/null
fi

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

json() {  # json FILE KEY: one field of a JSON object
  "$PY" -c "import json,sys; v=json.load(open(sys.argv[1]))[sys.argv[2]]; print(v if v is not None else 'nan')" "$1" "$2"
}
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
minimum() { printf '%s\n' "$@" | sort -g | head -1; }

# name | generate options | train options shared by both sides | iterations
CONFIGS=(
  "fig1|--n 10 --operator spectral|--layers 2,2,2,2 --init spectral --lr 1e-3|300"
  "fig2|--n 10 --operator gaussian|--layers 2,2,2,2 --init identity --lr 1e-2|300"
  "fig3|--problem image --image fashion-mnist:0|--layers 4,8,16 --init identity --lr 1e-4|2501"
  "gauss64|--n 64 --measurements 1229 --test 0|--layers 4,8,16 --init identity --lr 1e-5|300"
  "gauss128|--n 128 --measurements 4915 --test 0|--layers 4,8,16 --init identity --lr 3e-6|40"
  "completion256|--n 256 --operator completion --fraction 0.2|--layers 2,2 --init identity --lr 1e4|12"
)

echo "machine: $(lscpu | sed -n 's/^Model name: *//p' | head -1), $(nproc) cores"
echo "snnsense $("$SNN" --version) (g++ $(g++ -dumpversion)), torch $("$PY" -c 'import torch; print(torch.__version__)'), OpenBLAS $(dpkg-query -W -f='${Version}' libopenblas0-pthread 2> /dev/null || echo '?')"
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
# Two-thread timings need both cores: another job on one of them slowed the Fig-3 step by a fifth
# (docs/performance.md). The load average lags by a minute, so measure what the cores do now: the
# share of one second they spend busy (or stolen by the hypervisor) before we start anything.
cpu_ticks() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9, $5 + $6 }' /proc/stat; }
read -r busy0 idle0 <<< "$(cpu_ticks)"
sleep 1
read -r busy1 idle1 <<< "$(cpu_ticks)"
busy_percent=$(( 100 * (busy1 - busy0) / (busy1 - busy0 + idle1 - idle0 + 1) ))
echo "busy share of the $(nproc) cores in the second before the benchmark: ${busy_percent}%"
if [ "$busy_percent" -gt 10 ]; then
  echo "warning: other jobs are using the cores; the timings, above all the two-thread ones," \
    "will be slower than on a quiet machine" >&2
fi
echo

rows=()
for config in "${CONFIGS[@]}"; do
  IFS='|' read -r name generate shared iters <<< "$config"
  if [ -n "${ONLY:-}" ] && ! grep -qw -- "$name" <<< "$ONLY"; then continue; fi
  problem="$WORK/$name"
  # shellcheck disable=SC2086
  "$SNN" generate $generate --out "$problem" > /dev/null
  widths=$(sed -n 's/.*--layers \([^ ]*\).*/\1/p' <<< "$shared")
  lr=$(sed -n 's/.*--lr \([^ ]*\).*/\1/p' <<< "$shared")
  init=$(sed -n 's/.*--init \([^ ]*\).*/\1/p' <<< "$shared")
  # Autograd through an SVD is NaN at repeated singular values: the authors' code jitters the
  # identity initialisation by 1e-6 and so does the PyTorch side here. snnsense needs no jitter.
  jitter=0
  [ "$init" = identity ] && jitter=1e-6
  n=$("$PY" -c "import json,sys; m=json.load(open(sys.argv[1])); print(m['shape'][0], m['measurements']['train'])" "$problem/problem.json")
  for threads in $THREAD_COUNTS; do
    ours=() looped=() batched=() status=""
    for ((r = 0; r < REPEATS; r++)); do
      # shellcheck disable=SC2086
      OPENBLAS_NUM_THREADS=$threads "$SNN" train --problem "$problem" --out "$WORK/run" --force $shared \
        --iters "$iters" --trace-every "$iters" --threads "$threads" --params-init-out "$WORK/init.npy" > /dev/null 2>&1 || true
      ours+=("$("$PY" -c "import json,sys; print(1e3*json.load(open(sys.argv[1]))['seconds_per_iteration'])" "$WORK/run/summary.json")")
      [ "$(json "$WORK/run/summary.json" status)" = max_iterations ] || status+=" snnsense:$(json "$WORK/run/summary.json" status)"
      # PyTorch twice: one torch.linalg.svd call per matrix, as in the authors' code, and one
      # batched call per layer, PyTorch's faster way to write the same network.
      for variant in looped batched; do
        flag=""
        [ "$variant" = batched ] && flag=--batched
        # shellcheck disable=SC2086
        OPENBLAS_NUM_THREADS=$threads OMP_NUM_THREADS=$threads "$PY" "$TORCH_REF" --problem "$problem" --layers "$widths" \
          --params-in "$WORK/init.npy" --jitter "$jitter" --lr "$lr" --iters "$iters" --threads "$threads" $flag > "$WORK/torch.json"
        value=$(json "$WORK/torch.json" ms_per_iter)
        if [ "$variant" = batched ]; then batched+=("$value"); else looped+=("$value"); fi
        [ "$(json "$WORK/torch.json" status)" = max_iterations ] || status+=" torch-$variant:$(json "$WORK/torch.json" status)"
      done
    done
    a=$(median "${ours[@]}") b=$(median "${looped[@]}") c=$(median "${batched[@]}")
    rows+=("$(printf '%-14s %4s %6s %-8s %7s %9.3f %9.3f %9.3f %9.3f %9.3f %9.3f %7.2fx %7.2fx %s' "$name" $n "$widths" \
      "$threads" "$a" "$(minimum "${ours[@]}")" "$b" "$(minimum "${looped[@]}")" "$c" "$(minimum "${batched[@]}")" \
      "$("$PY" -c "print(min($b, $c) / $a)")" "$("$PY" -c "print($b / $a)")" "$status")")
  done
done

printf '%-14s %4s %6s %-8s %7s %9s %9s %9s %9s %9s %9s %8s %8s\n' config n m widths threads "snnsense" "(min)" \
  "torch" "(min)" "torch-b" "(min)" ratio "ratio-l"
printf '%s\n' "${rows[@]}"
echo "(ms per gradient step: median and minimum of $REPEATS runs. torch: one SVD call per matrix; torch-b: one"
echo " batched call per layer. ratio: the faster PyTorch variant's median over snnsense's; ratio-l: the"
echo " per-matrix variant's. PyTorch starts from the same initial parameters plus its jitter.)"
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo

# Same function: 50 GD steps from identical random-init parameters (no jitter needed there),
# training losses compared to 1e-8 relative.
echo "agreement after 50 steps from the same random initialisation:"
for check in "fig2|--layers 2,2,2,2 --init random --lr 1e-3" "fig3|--layers 4,8,16 --init random --lr 1e-6"; do
  IFS='|' read -r name shared <<< "$check"
  [ -d "$WORK/$name" ] || continue  # left out by ONLY
  widths=$(sed -n 's/.*--layers \([^ ]*\).*/\1/p' <<< "$shared")
  lr=$(sed -n 's/.*--lr \([^ ]*\).*/\1/p' <<< "$shared")
  # shellcheck disable=SC2086
  "$SNN" train --problem "$WORK/$name" --out "$WORK/run" --force $shared --iters 50 --params-init-out "$WORK/init.npy" > /dev/null 2>&1 || true
  for flag in "" --batched; do
    # shellcheck disable=SC2086
    "$PY" "$TORCH_REF" --problem "$WORK/$name" --layers "$widths" --params-in "$WORK/init.npy" --lr "$lr" --iters 50 \
      $flag > "$WORK/torch.json"
    "$PY" - "$WORK/run/summary.json" "$WORK/torch.json" "$name${flag:+ (batched)}" << 'EOF'
import json, sys
ours = json.load(open(sys.argv[1]))["final_loss"]
theirs = json.load(open(sys.argv[2]))["final_loss"]
rel = abs(ours - theirs) / abs(theirs)
print(f"  {sys.argv[3]}: snnsense {ours!r}  torch {theirs!r}  relative difference {rel:.1e}  "
      + ("PASS" if rel <= 1e-8 else "FAIL") + " (1e-8)")
EOF
  done
done
