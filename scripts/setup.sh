#!/usr/bin/env bash
# Installs every Debian 12 package that the build, the tests and the main job need.
# Idempotent and quick when everything is present: apt is only called for what is missing.
set -euo pipefail

packages=(
  cmake g++ make pkg-config
  libeigen3-dev libopenblas-dev liblapacke-dev
  libcli11-dev nlohmann-json3-dev libstb-dev zlib1g-dev
  libspectra-dev                               # header-only Lanczos solvers: soft-impute's truncated SVDs
  libgtest-dev libgmock-dev libbenchmark-dev
  clang libclang-rt-14-dev                     # the sanitized suite and the fuzzers (scripts/build-sanitize.sh)
  dataset-fashion-mnist
  python3-numpy python3-matplotlib python3-pandas python3-pytest pybind11-dev python3-dev
  python3-torch                                # snnsense.torch and its tests (optional for users)
  python3-scipy                                # Problem.from_sparse / to_sparse and the import tests (.mtx)
  python3-venv python3-setuptools python3-wheel  # pip install --no-build-isolation . in a venv
  libopenmpi-dev openmpi-bin                   # mpirun -np K snnsense train/sweep, and the tests run under mpirun -np 2
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
