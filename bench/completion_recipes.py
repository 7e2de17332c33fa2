#!/usr/bin/python3
"""Steps and seconds to accuracy on a completion problem, for each training recipe.

The question of issue "steps to accuracy": on a 200 x 300 rank-5 matrix with 20 % of its entries
observed (no noise), how many steps and seconds does each model and optimizer need to reach a
given relative error, and where does it end? Each recipe is one `snnsense train` run with a
trace every 10 steps; the table reports the first traced step at which the relative error to X*
is at or below each target, its wall time, and the final relative error and held-out RMSE. The
convex reference (`snnsense solve`) is run on the same problem for its time and error.

    /usr/bin/python3 bench/completion_recipes.py [--build build] [--iters 5000] [--only NAME,...]

Runs with OPENBLAS_NUM_THREADS=1 (one thread on each side; the timings are wall clock: run it
on a quiet machine). Prints a Markdown table; --out FILE also writes it.
"""

import argparse
import csv
import json
import math
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGETS = (1e-1, 1e-2, 1e-3)

# name -> options of `snnsense train` (beside --problem, --out, --iters, --trace-every)
RECIPES = {
    "snn gd search": ["--layers", "4,8,16", "--rank", "10", "--init", "random", "--init-scale", "0.5",
                      "--lr", "search", "--search-probe", "200"],
    "snn heavy-ball search": ["--layers", "4,8,16", "--rank", "10", "--init", "random", "--init-scale", "0.5",
                              "--lr", "search", "--search-probe", "200", "--momentum", "heavy-ball"],
    "snn adam 1e-2": ["--layers", "4,8,16", "--rank", "10", "--init", "random", "--init-scale", "0.5",
                      "--optimizer", "adam", "--lr", "0.01"],
    "snn adam 1e-3": ["--layers", "4,8,16", "--rank", "10", "--init", "random", "--init-scale", "0.5",
                      "--optimizer", "adam", "--lr", "0.001"],
    "snn identity gd search": ["--layers", "4,8,16", "--rank", "10", "--init", "identity", "--lr", "search",
                               "--search-probe", "200"],
    "snn identity adam 1e-3": ["--layers", "4,8,16", "--rank", "10", "--init", "identity", "--optimizer", "adam",
                               "--lr", "0.001"],
    "snn random 1e-2 adam 1e-3": ["--layers", "4,8,16", "--rank", "10", "--init", "random", "--init-scale", "0.01",
                                  "--optimizer", "adam", "--lr", "0.001"],
    "bm gd search": ["--model", "bm", "--rank", "10", "--lr", "search", "--search-probe", "200"],
    "bm heavy-ball search": ["--model", "bm", "--rank", "10", "--lr", "search", "--search-probe", "200",
                             "--momentum", "heavy-ball"],
    "bm adam 1e-2": ["--model", "bm", "--rank", "10", "--optimizer", "adam", "--lr", "0.01"],
}


def run(command, env):
    started = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"completion_recipes: {' '.join(command)} failed:\n{done.stderr}")
    return time.perf_counter() - started


def trace_rows(run_dir):
    with open(run_dir / "trace.csv", newline="") as handle:
        return list(csv.DictReader(handle))


def first_reaching(rows, target):
    for row in rows:
        if row["relative_error"] and float(row["relative_error"]) <= target:
            return int(row["iteration"]), float(row["seconds"])
    return None


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", default="build")
    parser.add_argument("--iters", type=int, default=5000)
    parser.add_argument("--only", default="", help="comma-separated recipe names")
    parser.add_argument("--out", default="")
    args = parser.parse_args(argv)
    snnsense = str(Path(args.build) / "snnsense")
    env = dict(os.environ, OPENBLAS_NUM_THREADS="1")
    chosen = [name for name in RECIPES if not args.only or name in args.only.split(",")]

    with tempfile.TemporaryDirectory() as work:
        work = Path(work)
        problem = work / "problem"
        run([snnsense, "generate", "--problem", "rectangular", "--operator", "completion", "--n", "200", "--n2",
             "300", "--rank", "5", "--fraction", "0.2", "--test", "2000", "--noise", "0", "--seed", "1",
             "--out", str(problem)], env)
        convex_seconds = run([snnsense, "solve", "--problem", str(problem), "--out", str(work / "convex")], env)
        convex = json.load(open(work / "convex" / "summary.json"))["final"]

        header = ["recipe", "lr"] + [f"steps (s) to {t:g}" for t in TARGETS] + [
            "final relative error", "final test RMSE", "wall s"]
        lines = ["| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
        lines.append(f"| convex (solve) | | | | | {convex['relative_error']:.2e} | {convex['test_rmse']:.2e} | "
                     f"{convex_seconds:.1f} |")
        for name in chosen:
            out = work / name.replace(" ", "-")
            seconds = run([snnsense, "train", "--problem", str(problem), "--out", str(out), "--iters",
                           str(args.iters), "--trace-every", "10"] + RECIPES[name], env)
            summary = json.load(open(out / "summary.json"))
            rows = trace_rows(out)
            cells = []
            for target in TARGETS:
                hit = first_reaching(rows, target)
                cells.append(f"{hit[0]} ({hit[1]:.1f})" if hit else "—")
            final = summary["final"] or {}
            error = final.get("relative_error")
            rmse = final.get("test_rmse")
            lines.append(f"| {name} | {summary['lr']:.3g} | " + " | ".join(cells) + " | "
                         + (f"{error:.2e}" if error is not None else "—") + " | "
                         + (f"{rmse:.2e}" if rmse is not None else "—") + f" | {seconds:.1f} |")
            print(lines[-1], file=sys.stderr, flush=True)
    table = "\n".join(lines) + "\n"
    print(table)
    if args.out:
        Path(args.out).write_text(table)


if __name__ == "__main__":
    main(sys.argv[1:])
