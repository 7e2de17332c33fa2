#!/usr/bin/env bash
# Strong scaling of `train` over MPI processes, and sweep throughput (docs/performance.md,
# "Several processes (MPI)"). Usage: bench/mpi_scaling.sh SNNSENSE [WORKDIR] [PROCESSES...]
# Prints one line per run: processes, seconds per step (summary.json), whole-command seconds.
set -euo pipefail
snnsense=$(realpath "$1")
work=${2:-$(mktemp -d)}
shift $(( $# >= 2 ? 2 : $# ))
processes=("$@")
[ ${#processes[@]} -gt 0 ] || processes=(1 2)
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
mkdir -p "$work"
cd "$work"

# A completion problem where a step's passes over the entries dominate: 20 000 x 20 000, rank 10,
# 10^6 training entries; the factored SNN of performance.md's scale table (R = 40).
[ -d completion ] || "$snnsense" generate --problem rectangular --operator completion --n 20000 --rank 10 \
  --measurements 1000000 --test 10000 --seed 1 --out completion > /dev/null
train=(train --problem completion --layers 4,8,16 --rank 10 --representation factored --lr 1 --iters 20
       --threads 1 --trace-every 20 --force)
for k in "${processes[@]}"; do
  for repeat in 1 2; do
    start=$(date +%s.%N)
    mpirun --oversubscribe -np "$k" "$snnsense" "${train[@]}" --out "run-$k" > /dev/null
    end=$(date +%s.%N)
    step=$(/usr/bin/python3 -c "import json; print(json.load(open('run-$k/summary.json'))['seconds_per_iteration'])")
    echo "train processes=$k repeat=$repeat seconds_per_step=$step command_seconds=$(echo "$end - $start" | bc)"
  done
done

# Sweep throughput: 8 configurations of the Fig-3-sized SNN (about 10 s each here), dealt to the processes.
[ -d mid ] || "$snnsense" generate --n 28 --rank 3 --measurements 470 --seed 2 --out mid > /dev/null
cat > grid.json <<'GRID'
{"problem": "mid", "base": {"model": "snn", "layers": [4, 8, 16], "iters": 1500, "lr": "search", "search-probe": 50},
 "grid": {"seed": [0, 1, 2, 3], "init-scale": [1, 0.1]}}
GRID
for k in "${processes[@]}"; do
  rm -rf "sweep-$k"
  start=$(date +%s.%N)
  mpirun --oversubscribe -np "$k" "$snnsense" sweep --grid grid.json --out "sweep-$k" > /dev/null 2>&1
  end=$(date +%s.%N)
  echo "sweep processes=$k configurations=8 seconds=$(echo "$end - $start" | bc)"
done
