#!/usr/bin/python3
"""Per-step time and peak memory of the factored SNN on completion problems of growing size, side
by side with the yardstick of a step's two unavoidable passes over the entries: scipy.sparse's
S Q (CSR) and S^T P (CSR of the transpose) with n x R dense factors, on the same entries.

    /usr/bin/python3 bench/completion_scale.py [--build build] [--sizes 10000:1000000,...] [--iters 5]
                                               [--threads 1,2] [--repeats 1]

Each size n x n (rank-10 truth) with |Omega| training entries (and |Omega|/10 held out) is made by
`snnsense generate`; `snnsense train --layers 4,8,16 --rank 10` (factored: R = d1 r = 40) runs
--iters steps under /usr/bin/time (peak memory = the whole process's maximum RSS, loading
included) once per --threads value; its time per step is the trainer's own (summary.json
seconds_per_iteration, no trace sampling), which spreads the first step's one-time work (grouping
the entries by row and by column, as scipy's CSR and CSC are built outside its timing; cold SVDs
of the cores) over the --iters steps. The scipy products use R = 40 columns, the width of the
factored SNN's passes, and one thread (scipy.sparse has no other; OPENBLAS_NUM_THREADS=1), timed
right before each run (the best of three). With --repeats k every size is measured k times in
turn and the table gives the medians. Wall clocks: run on a quiet machine.
"""

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def run(command, env):
    done = subprocess.run(["/usr/bin/time", "-v"] + command, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"completion_scale: {' '.join(command)} failed:\n{done.stderr[-2000:]}")
    rss_kb = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", done.stderr).group(1))
    return rss_kb * 1024


def scipy_products(problem, train, width, repeats=3):
    import numpy as np
    import scipy.sparse as sp
    rows = np.load(problem / "rows.npy")[:train]
    cols = np.load(problem / "cols.npy")[:train]
    values = np.load(problem / "y.npy")[:train]
    n1, n2 = json.load(open(problem / "problem.json"))["shape"]
    S = sp.csr_matrix((values, (rows, cols)), shape=(n1, n2))
    St = S.T.tocsr()
    rng = np.random.default_rng(0)
    Q = rng.standard_normal((n2, width))
    P = rng.standard_normal((n1, width))
    best = float("inf")
    for _ in range(repeats):
        started = time.perf_counter()
        S @ Q
        St @ P
        best = min(best, time.perf_counter() - started)
    return best


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", default="build")
    parser.add_argument("--sizes", default="20000:1000000,63000:3160000,200000:10000000",
                        help="n:entries pairs, comma-separated")
    parser.add_argument("--iters", type=int, default=20)
    parser.add_argument("--threads", default="1", help="thread counts of the SNN runs, comma-separated")
    parser.add_argument("--repeats", type=int, default=1, help="measurements per size; the table gives medians")
    parser.add_argument("--out", default="")
    args = parser.parse_args(argv)
    snnsense = str(Path(args.build) / "snnsense")
    env = dict(os.environ, OPENBLAS_NUM_THREADS="1")
    threads = [int(t) for t in args.threads.split(",")]

    header = "| n1 × n2 | train entries | dense X would take | scipy S Q + Sᵀ P (s, 1 thread) |"
    for t in threads:
        header += f" SNN s/step, {t} thr | peak memory | step / products |"
    lines = [header, "|" + " --- |" * (4 + 3 * len(threads))]
    with tempfile.TemporaryDirectory() as work:
        work = Path(work)
        for size in args.sizes.split(","):
            n, entries = (int(x) for x in size.split(":"))
            problem = work / f"p{n}"
            run([snnsense, "generate", "--problem", "rectangular", "--operator", "completion", "--n", str(n),
                 "--rank", "10", "--measurements", str(entries), "--test", str(entries // 10), "--out",
                 str(problem)], env)
            products, steps, peaks = [], {t: [] for t in threads}, {t: [] for t in threads}
            for repeat in range(args.repeats):
                for t in threads:
                    products.append(scipy_products(problem, entries, 40))
                    out = work / f"r{n}_{t}_{repeat}"
                    peaks[t].append(run([snnsense, "train", "--problem", str(problem), "--layers", "4,8,16", "--rank",
                                         "10", "--lr", "1e5", "--iters", str(args.iters), "--trace-every",
                                         str(10 * args.iters), "--threads", str(t), "--out", str(out)], env))
                    steps[t].append(json.load(open(out / "summary.json"))["seconds_per_iteration"])
            pair = statistics.median(products)
            line = f"| {n} × {n} | {entries:.0e} | {8 * n * n / 1e9:.1f} GB | {pair:.3f} |"
            for t in threads:
                step = statistics.median(steps[t])
                line += f" {step:.3f} | {max(peaks[t]) / 1e9:.2f} GB | {step / pair:.2f} |"
            lines.append(line)
            print(line, file=sys.stderr, flush=True)
    table = "\n".join(lines) + "\n"
    print(table)
    if args.out:
        Path(args.out).write_text(table)


if __name__ == "__main__":
    main(sys.argv[1:])
