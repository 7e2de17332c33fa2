#!/usr/bin/env bash
# Set up, build, and run the main job: `snnsense reproduce all --quick`, the paper's three
# experiments and the init-scale study with figures and reports (under 2 minutes on 2 cores).
# Results go to results/ (override with SNNSENSE_RESULTS=DIR); the report is results/report.html.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release > /dev/null
cmake --build build -j"$(nproc)" --target snnsense_cli snnsense_python
out="${SNNSENSE_RESULTS:-results}"
build/snnsense reproduce all --quick --out "$out" --force
echo "Report: $out/report.html (and $out/report.md); one folder per experiment: $out/{fig1,fig2,fig3,init-scale}"
