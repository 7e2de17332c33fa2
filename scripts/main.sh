#!/usr/bin/env bash
# Set up, build, and run the main job: the paper's three data sets, and the Fig-3 experiment
# (SNN [4,8,16], tanh, identity init, step-size search, 2 501 steps on Fashion-MNIST test image 0).
# Results go to results/ (override with SNNSENSE_RESULTS=DIR).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release > /dev/null
cmake --build build -j"$(nproc)" --target snnsense_cli snnsense_python
out="${SNNSENSE_RESULTS:-results}"
mkdir -p "$out"
bin=build/snnsense

$bin generate --problem synthetic --operator spectral --n 10 --rank 6 --measurements 75 --seed 0 --out "$out/fig1-problem" --force
$bin generate --problem synthetic --operator gaussian --n 10 --rank 6 --measurements 75 --seed 0 --out "$out/fig2-problem" --force
$bin generate --problem image --image fashion-mnist:0 --operator gaussian --measurements 470 --seed 0 --out "$out/fig3-problem" --force
for p in fig1 fig2 fig3; do $bin info "$out/$p-problem"; echo; done

$bin train --problem "$out/fig3-problem" --model snn --layers 4,8,16 --activation tanh --init identity \
  --lr search --iters 2501 --seed 0 --out "$out/fig3-snn" --force
echo "Reconstruction: $out/fig3-snn/X.png; metrics: $out/fig3-snn/summary.json; trace: $out/fig3-snn/trace.csv"
