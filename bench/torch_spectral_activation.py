#!/usr/bin/python3
"""Forward + backward of the spectral activation in PyTorch: snnsense.torch vs autograd through SVD.

    PYTHONPATH=build/python /usr/bin/python3 bench/torch_spectral_activation.py [--repeats 7]

A batch of sixteen 28 x 28 float64 matrices (Gaussian entries, distinct singular values, where
autograd through torch.linalg.svd is finite), sigma_tanh and the backward pass of sum(G * out), one
thread for PyTorch and for OpenBLAS. Each repeat times `--calls` forward + backward passes and keeps
the time per call; prints the median and the range over repeats, in milliseconds, as JSON: the
process's CPU time (time.process_time; with one thread, the work itself, which sharing the cores with
other programs inflates less) and the wall-clock time.
"""
import os

# Before numpy and torch load OpenBLAS: one thread, as the comparison states.
for variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[variable] = "1"

import argparse
import json
import statistics
import time

import numpy as np
import torch

import snnsense.torch as st


def through_svd(Q):
    U, s, Vh = torch.linalg.svd(Q, full_matrices=False)
    return U @ torch.diag_embed(torch.tanh(s)) @ Vh


def ours(Q):
    return st.spectral_activation(Q, "tanh")


def time_per_call(function, Q, G, calls):
    """(CPU seconds, wall seconds) per forward + backward pass."""
    cpu, wall = time.process_time(), time.perf_counter()
    for _ in range(calls):
        x = Q.detach().requires_grad_(True)
        (function(x) * G).sum().backward()
    return (time.process_time() - cpu) / calls, (time.perf_counter() - wall) / calls


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--batch", type=int, default=16)
    parser.add_argument("--n", type=int, default=28)
    parser.add_argument("--calls", type=int, default=50, help="forward + backward passes per repeat")
    parser.add_argument("--repeats", type=int, default=7)
    args = parser.parse_args()
    torch.set_num_threads(1)
    rng = np.random.default_rng(0)
    Q = torch.from_numpy(rng.normal(size=(args.batch, args.n, args.n)))
    G = torch.from_numpy(rng.normal(size=(args.batch, args.n, args.n)))

    # The two compute the same gradient here (a check that the timing compares like with like).
    grads = []
    for function in (ours, through_svd):
        x = Q.clone().requires_grad_(True)
        (function(x) * G).sum().backward()
        grads.append(x.grad)
    difference = float((grads[0] - grads[1]).norm() / grads[1].norm())

    results = {"snnsense.torch": [], "autograd through torch.linalg.svd": []}
    for _ in range(args.repeats):  # interleaved, so that a busy moment of the machine hits both
        results["snnsense.torch"].append(time_per_call(ours, Q, G, args.calls))
        results["autograd through torch.linalg.svd"].append(time_per_call(through_svd, Q, G, args.calls))
    report = {
        "batch": [args.batch, args.n, args.n],
        "threads": torch.get_num_threads(),
        "torch": torch.__version__,
        "relative_gradient_difference": difference,
    }
    for name, times in results.items():
        report[name] = {}
        for clock, index in (("cpu", 0), ("wall", 1)):
            ms = [1e3 * t[index] for t in times]
            report[name][clock] = {"median_ms": statistics.median(ms), "min_ms": min(ms), "max_ms": max(ms)}
    for clock in ("cpu", "wall"):
        report[f"speedup_median_{clock}"] = (
            report["autograd through torch.linalg.svd"][clock]["median_ms"] / report["snnsense.torch"][clock]["median_ms"]
        )
    print(json.dumps(report))


if __name__ == "__main__":
    main()
