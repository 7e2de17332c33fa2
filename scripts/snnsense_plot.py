#!/usr/bin/python3
"""Draw snnsense's figures from run directories, as PNG and SVG, with matplotlib.

Reads only what snnsense writes (trace.csv, singular_values.csv, summary.json, config.json,
X.npy, problem directories, diagnostics.json, reproduction.json, results.csv, table.csv) and
writes figures/<name>.png, figures/<name>.svg and figures/figures.json, the list of figures
with their captions and pixel sizes that the report embeds, and the legend label of each run.

  snnsense_plot.py runs RUN... --out DIR   training loss, nuclear norm, singular values,
                                           relative error to X* and effective rank of any
                                           runs, labelled by model; X against X* as images
                                           where the runs' problem stores X*
  snnsense_plot.py reproduction DIR        the same for DIR/runs/*, plus the reconstructions
                                           (image problems) and the invariance/rate figure
                                           (well-specified problems)
  snnsense_plot.py init-scale DIR          the nuclear-norm gap against the init scale
  snnsense_plot.py completion DIR          completion errors and the nuclear-norm frontier
  snnsense_plot.py sweep DIR [--metric relative_error] [--against KEY]
                                           a 'snnsense sweep' table: the metric against one grid
                                           key, mean ± std over seeds, one line per problem and
                                           setting of the other keys

Exit status 3 when matplotlib or numpy cannot be imported (install python3-matplotlib), 1 for
any other failure, with a one-line reason as the last line of stderr.
"""

import argparse
import csv
import json
import math
import sys
from pathlib import Path

TOOL_MISSING = 3
DPI = 100
WIDE = (11.0, 4.0)
STANDARD = (6.4, 4.0)


def import_plotting():
    """numpy and matplotlib (Agg), or exit TOOL_MISSING naming what is missing."""
    try:
        import numpy
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot
    except ImportError as error:
        print(f"{sys.executable} cannot import {error.name or 'matplotlib'} ({error})", file=sys.stderr)
        sys.exit(TOOL_MISSING)
    matplotlib.rcParams["svg.hashsalt"] = "snnsense"  # reproducible SVG ids
    return numpy, matplotlib.pyplot


# ---------------------------------------------------------------------------------------------
# Reading snnsense's files


def read_csv_columns(path):
    """A CSV with a header as {column: list}; numbers as floats, empty cells as NaN, text kept."""
    with open(path, newline="") as handle:
        rows = list(csv.reader(handle))
    header, body = rows[0], rows[1:]
    columns = {}
    for index, name in enumerate(header):
        cells = [row[index] if index < len(row) else "" for row in body]
        try:
            columns[name] = [float(c) if c != "" else math.nan for c in cells]
        except ValueError:
            columns[name] = cells
    return columns


def read_json(path):
    with open(path) as handle:
        return json.load(handle)


class Run:
    """One run directory: its summary and config, and its trace when it was trained."""

    def __init__(self, directory, label):
        self.directory = Path(directory)
        self.label = label
        self.summary = read_json(self.directory / "summary.json")
        config_file = self.directory / "config.json"
        self.config = read_json(config_file) if config_file.exists() else {}
        trace_file = self.directory / "trace.csv"
        self.trace = read_csv_columns(trace_file) if trace_file.exists() else None
        sv_file = self.directory / "singular_values.csv"
        self.singular_values = read_csv_columns(sv_file) if sv_file.exists() else None

    @property
    def name(self):
        return self.directory.name

    @property
    def trained(self):
        return self.trace is not None

    def final(self, key):
        value = (self.summary.get("final") or {}).get(key)
        return value if isinstance(value, (int, float)) else None


# The convex reference's one name, as in snnsense's reports (figure_recipe.hpp, kConvexLabel).
CONVEX_LABEL = "convex (min nuclear norm)"


def unique_labels(directories):
    """Directory names, or parent/name where names repeat (a/snn and b/snn)."""
    names = [Path(d).name for d in directories]
    return [
        f"{Path(d).parent.name}/{Path(d).name}" if names.count(Path(d).name) > 1 else Path(d).name
        for d in directories
    ]


def model_label(directory):
    """What a run directory trained, from its config.json and summary.json: "SNN [4,8,16]", "LG",
    the convex reference's name; None when neither file names a model."""
    config, summary = {}, {}
    for name, into in (("config.json", config), ("summary.json", summary)):
        path = Path(directory) / name
        if path.exists():
            into.update(read_json(path))
    model = config.get("model") or summary.get("model")
    if not isinstance(model, str):
        return None
    if model == "nuclear":
        return CONVEX_LABEL
    if model in ("snn", "woa") and isinstance(config.get("layers"), list):
        return f"{model.upper()} [{','.join(str(w) for w in config['layers'])}]"
    if model == "df" and config.get("depth") is not None:
        return f"DF depth {config['depth']}"
    if model == "bm-psd":
        return "BM (PSD)"
    return model.upper()


def run_labels(directories):
    """Each run's model label; the folder name is added only where two runs would share a label."""
    models = [model_label(d) for d in directories]
    folders = unique_labels(directories)
    return [
        folder if model is None else f"{model} ({folder})" if models.count(model) > 1 else model
        for model, folder in zip(models, folders)
    ]


def reproduction_runs(directory):
    """The runs of a reproduction folder, in its recipe's order, labelled by the recipe."""
    recipe = read_json(directory / "reproduction.json")
    return [Run(directory / "runs" / m["model"], m["label"]) for m in recipe["models"]], recipe


# ---------------------------------------------------------------------------------------------
# Drawing


class FigureWriter:
    """Saves figures as PNG and SVG into one folder and keeps the manifest the report reads."""

    def __init__(self, plt, out):
        self.plt = plt
        self.out = Path(out)
        self.out.mkdir(parents=True, exist_ok=True)
        self.entries = []
        self.labels = []  # the runs drawn, by their legend label

    def new(self, size, columns=1):
        fig, axes = self.plt.subplots(1, columns, figsize=size, dpi=DPI, layout="constrained", squeeze=False)
        return fig, list(axes[0])

    def save(self, fig, stem, caption):
        width, height = fig.get_size_inches()
        fig.savefig(self.out / f"{stem}.png", dpi=DPI)
        fig.savefig(self.out / f"{stem}.svg")
        self.plt.close(fig)
        self.entries.append({"file": f"{stem}.png", "svg": f"{stem}.svg", "caption": caption,
                             "width": round(width * DPI), "height": round(height * DPI)})

    def write_manifest(self):
        with open(self.out / "figures.json", "w") as handle:
            json.dump({"figures": self.entries, "labels": self.labels}, handle, indent=2)
            handle.write("\n")


def colours(runs, plt):
    cycle = plt.rcParams["axes.prop_cycle"].by_key()["color"]
    return {run.directory: cycle[i % len(cycle)] for i, run in enumerate(runs)}


def positive(values, np):
    """Zeros and negatives as NaN, so log axes skip them instead of failing."""
    array = np.asarray(values, dtype=float)
    return np.where(array > 0, array, np.nan)


def reference_line(ax, value, run, colour):
    if value is not None:
        ax.axhline(value, color=colour, linestyle="--", linewidth=1.2, label=run.label)


def draw_loss(writer, runs, np):
    fig, (ax,) = writer.new(STANDARD)
    colour = colours(runs, writer.plt)
    for run in runs:
        if run.trained:
            ax.plot(run.trace["iteration"], positive(run.trace["train_loss"], np), label=run.label,
                    color=colour[run.directory])
    ax.set_yscale("log")
    ax.set_xlabel("iteration")
    ax.set_ylabel("training loss")
    ax.set_title("Training loss")
    ax.legend()
    writer.save(fig, "loss", "Training loss against iteration, log scale, one line per model.")


def draw_nuclear_norm(writer, runs, np):
    fig, (ax,) = writer.new(STANDARD)
    colour = colours(runs, writer.plt)
    for run in runs:
        if run.trained:
            ax.plot(run.trace["iteration"], run.trace["nuclear_norm"], label=run.label, color=colour[run.directory])
        else:
            value = run.final("nuclear_norm")
            if value is not None:
                ax.axhline(value, color="black", linestyle="--", linewidth=1.2,
                           label=f"{run.label}: optimum {value:.4g}")
    ax.set_xlabel("iteration")
    ax.set_ylabel("nuclear norm ||X||_*")
    ax.set_title("Nuclear norm")
    ax.legend()
    writer.save(fig, "nuclear_norm",
                "Nuclear norm of X against iteration; the dashed line is the convex optimum (minimum nuclear norm).")


def draw_singular_values(writer, runs, np):
    trained = [run for run in runs if run.singular_values is not None]
    if not trained:
        return
    fig, axes = writer.new((4.2 * len(trained), 3.6), columns=len(trained))
    cmap = writer.plt.get_cmap("viridis")
    for ax, run in zip(axes, trained):
        table = run.singular_values
        names = [name for name in table if name != "iteration"]
        for index, name in enumerate(names):
            ax.plot(table["iteration"], positive(table[name], np), color=cmap(index / max(1, len(names) - 1)),
                    linewidth=1.0)
        ax.set_yscale("log")
        ax.set_xlabel("iteration")
        ax.set_title(run.label, fontsize=10)
    axes[0].set_ylabel("singular values of X")
    writer.save(fig, "singular_values",
                "Singular values of X against iteration, one panel per model (s_1 dark to s_k light).")


def draw_error_and_rank(writer, runs, np):
    fig, (error_ax, rank_ax) = writer.new(WIDE, columns=2)
    colour = colours(runs, writer.plt)
    use_error = any(run.trained and not all(math.isnan(v) for v in run.trace["relative_error"]) for run in runs)
    key = "relative_error" if use_error else "test_loss"
    for run in runs:
        if run.trained:
            error_ax.plot(run.trace["iteration"], positive(run.trace[key], np), label=run.label,
                          color=colour[run.directory])
            rank_ax.plot(run.trace["iteration"], run.trace["effective_rank"], label=run.label,
                         color=colour[run.directory])
        else:
            reference_line(error_ax, run.final(key), run, "black")
            reference_line(rank_ax, run.final("effective_rank"), run, "black")
    error_ax.set_yscale("log")
    error_ax.set_xlabel("iteration")
    error_ax.set_ylabel("||X - X*||_F / ||X*||_F" if use_error else "test loss")
    error_ax.set_title("Relative error to X*" if use_error else "Test loss")
    rank_ax.set_xlabel("iteration")
    rank_ax.set_ylabel("effective rank")
    rank_ax.set_title("Effective rank")
    error_ax.legend()
    writer.save(fig, "error_rank",
                ("Relative error to X* (||X - X*||_F / ||X*||_F)" if use_error else "Test loss")
                + " and effective rank against iteration; dashed lines are the convex solution.")


def has_entry_errors(run):
    """Whether the run's trace reports the entries' RMSE (completion problems)."""
    column = run.trace.get("test_rmse") if run.trained else None
    return column is not None and not all(math.isnan(v) for v in column)


def draw_entry_errors(writer, runs, np):
    """Completion: train (dashed) and held-out (solid) RMSE of the entries, in the data's units."""
    if not any(has_entry_errors(run) for run in runs):
        return
    fig, (ax,) = writer.new(STANDARD)
    colour = colours(runs, writer.plt)
    for run in runs:
        if has_entry_errors(run):
            ax.plot(run.trace["iteration"], positive(run.trace["test_rmse"], np), label=run.label + " (test)",
                    color=colour[run.directory])
            ax.plot(run.trace["iteration"], positive(run.trace["train_rmse"], np), linestyle=":",
                    color=colour[run.directory])
            best = run.summary.get("best_iteration")
            if isinstance(best, int):
                ax.axvline(best, color=colour[run.directory], linewidth=0.8, alpha=0.6)
        elif not run.trained:
            reference_line(ax, run.final("test_rmse"), run, "black")
    ax.set_yscale("log")
    ax.set_xlabel("iteration")
    ax.set_ylabel("RMSE of the entries")
    ax.set_title("Completion error")
    ax.legend()
    writer.save(fig, "rmse", "Root-mean-square error of the held-out entries (solid) and of the training entries "
                "(dotted) against iteration, log scale; a vertical line marks the iterate early stopping "
                "kept; dashed lines are the convex solution's held-out RMSE.")


def draw_reconstructions(writer, runs, problem_dir, np, stem="reconstructions"):
    """X* and each run's X side by side: as pixels for an image problem, else on one colour scale
    (X*'s range) with the relative error in each title. Nothing when the problem stores no X*."""
    problem = read_json(problem_dir / "problem.json")
    if not (problem_dir / "X_true.npy").exists():
        return
    scale = problem.get("pixel_scale")
    truth = np.load(problem_dir / "X_true.npy")
    panels = [("ground truth X*", truth * scale if scale else truth)]
    for run in runs:
        x_file = run.directory / "X.npy"
        if x_file.exists():
            psnr, error = run.final("psnr"), run.final("relative_error")
            if scale and psnr is not None:
                title = f"{run.label}\nPSNR {psnr:.2f} dB"
            elif error is not None:
                title = f"{run.label}\nrel. error {error:.3g}"
            else:
                title = run.label
            x = np.load(x_file)
            panels.append((title, x * scale if scale else x))
    if len(panels) == 1:
        return
    fig, axes = writer.new((2.6 * len(panels), 3.2), columns=len(panels))
    if scale:
        for ax, (title, pixels) in zip(axes, panels):
            ax.imshow(np.clip(pixels, 0, 255), cmap="gray", vmin=0, vmax=255)
            ax.set_title(title, fontsize=9)
            ax.set_axis_off()
        caption = "Ground truth and each method's reconstruction (pixels clipped to 0..255), titled with its PSNR."
    else:
        limit = float(np.max(np.abs(truth))) or 1.0
        for ax, (title, values) in zip(axes, panels):
            image = ax.imshow(values, cmap="RdBu_r", vmin=-limit, vmax=limit)
            ax.set_title(title, fontsize=9)
            ax.set_axis_off()
        fig.colorbar(image, ax=axes, shrink=0.8)
        caption = ("X* and each method's X as images on X*'s colour scale (entries beyond it saturate), titled "
                   "with the relative error ||X - X*||_F / ||X*||_F.")
    writer.save(fig, stem, caption)


def problem_of(run):
    """The problem directory a run was trained or solved on (config.json's "problem"), if it still exists."""
    path = run.config.get("problem")
    if isinstance(path, str) and (Path(path) / "problem.json").exists():
        return Path(path)
    return None


def draw_invariance_and_rate(writer, run, diagnosis, np):
    fig, (loss_ax, mass_ax) = writer.new(WIDE, columns=2)
    iterations = np.asarray(run.trace["iteration"])
    loss = np.asarray(run.trace["train_loss"])
    loss_ax.plot(iterations, positive(loss, np), label="training loss L")
    excess = diagnosis.get("excess_loss_rate")
    if excess:
        loss_ax.plot(iterations, positive(loss - excess["floor"], np), label="L - L_min")
        window = np.linspace(excess["first_iteration"], excess["last_iteration"], 50)
        loss_ax.plot(window, np.exp(excess["intercept"] + excess["slope"] * window), "k--",
                     label=f"fit: slope {excess['slope']:.3e}/iter (R² {excess['r_squared']:.3f})")
    rate = diagnosis.get("exponential_rate")
    if rate:
        start = rate["first_iteration"]
        anchor = loss[np.argmin(np.abs(iterations - start))]
        window = np.linspace(start, rate["last_iteration"], 20)
        loss_ax.plot(window, anchor * np.exp(rate["slope"] * (window - start)), ":", color="grey",
                     label=f"fit of log L, last half: slope {rate['slope']:.2e}/iter")
    loss_ax.set_yscale("log")
    loss_ax.set_xlabel("iteration")
    loss_ax.set_ylabel("loss")
    loss_ax.set_title(f"{run.label}: exponential convergence")
    loss_ax.legend(fontsize=8)
    mass_ax.plot(iterations, positive(run.trace["off_diagonal_mass"], np))
    mass_ax.set_yscale("log")
    mass_ax.set_xlabel("iteration")
    mass_ax.set_ylabel("||offdiag(Phi^T X Psi)||_F / ||X||_F")
    mass_ax.set_title("Off-diagonal mass in the shared basis")
    writer.save(fig, "invariance_rate",
                "Left: training loss, its excess over the least-squares minimum L_min and the fitted exponential "
                "rate. Right: off-diagonal mass of X in the measurements' shared singular basis (round-off level "
                "means the basis is kept).")


def draw_run_figures(writer, runs, np):
    draw_loss(writer, runs, np)
    draw_nuclear_norm(writer, runs, np)
    draw_singular_values(writer, runs, np)
    draw_error_and_rank(writer, runs, np)
    draw_entry_errors(writer, runs, np)


# ---------------------------------------------------------------------------------------------
# Commands


def plot_runs(args, np, plt):
    directories = [Path(d) for d in args.runs]
    runs = [Run(d, label) for d, label in zip(directories, run_labels(directories))]
    writer = FigureWriter(plt, args.out)
    writer.labels = [run.label for run in runs]
    draw_run_figures(writer, runs, np)
    # One reconstruction figure per problem the runs were computed on, in the runs' order.
    problems = []
    for run in runs:
        problem = problem_of(run)
        if problem is not None and problem.resolve() not in [p.resolve() for p in problems]:
            problems.append(problem)
    for index, problem in enumerate(problems):
        same = [run for run in runs if problem_of(run) is not None and problem_of(run).resolve() == problem.resolve()]
        draw_reconstructions(writer, same, problem, np,
                             "reconstructions" if len(problems) == 1 else f"reconstructions_{index + 1}")
    writer.write_manifest()


def plot_reproduction(args, np, plt):
    directory = Path(args.dir)
    runs, _ = reproduction_runs(directory)
    writer = FigureWriter(plt, directory / "figures")
    writer.labels = [run.label for run in runs]
    draw_run_figures(writer, runs, np)
    problem_dir = directory / "problem"
    if read_json(problem_dir / "problem.json").get("pixel_scale"):
        draw_reconstructions(writer, runs, problem_dir, np)
    diagnostics = read_json(directory / "diagnostics.json")["runs"]
    for run in runs:
        diagnosis = diagnostics.get(run.name)
        if run.trained and diagnosis and diagnosis.get("off_diagonal_max") is not None:
            draw_invariance_and_rate(writer, run, diagnosis, np)
    writer.write_manifest()


def as_percent(np, fractions):
    return 100.0 * np.asarray(fractions, dtype=float)


def plot_init_scale(args, np, plt):
    directory = Path(args.dir)
    table = read_csv_columns(directory / "table.csv")
    results = read_csv_columns(directory / "results.csv")
    writer = FigureWriter(plt, directory / "figures")
    fig, (ax,) = writer.new((6.4, 4.4))
    ax.scatter(results["scale"], positive(as_percent(np, results["nuclear_gap"]), np), s=12, color="grey", alpha=0.6,
               label="each seed")
    ax.errorbar(table["scale"], positive(as_percent(np, table["mean_gap"]), np),
                yerr=as_percent(np, table["std_gap"]), fmt="o-",
                capsize=4, label="mean ± std over seeds")
    ax.fill_between([0.7, 1.4], 25, 800, color="tab:red", alpha=0.15, label="reference: +25..+800% at 1")
    ax.fill_between([0.007, 0.014], 0.1, 3, color="tab:green", alpha=0.25, label="reference: +0.1..+3% at 0.01")
    ax.set_xscale("log")
    # Gaps span four decades: a log axis, which has no 0. A gap at or below zero (the SNN on the
    # optimum to the solver's accuracy) cannot be placed on it and is counted in the legend instead.
    ax.set_yscale("log")
    not_positive = int(np.sum(~(as_percent(np, results["nuclear_gap"]) > 0)))
    if not_positive:
        ax.plot([], [], " ", label=f"{not_positive} run(s) with gap <= 0, not drawn")
    ax.set_xlabel("init scale (u, v multiplied by it)")
    ax.set_ylabel("nuclear-norm gap to the convex optimum (%)")
    ax.set_title("Converged one-layer SNN, well-specified, m = 5")
    ax.legend(fontsize=8, loc="upper left")
    writer.save(fig, "init_scale",
                "Nuclear-norm gap of the converged SNN against the init scale: mean ± sample std over seeds (error "
                "bars; log axis, clipped at the bottom where the std exceeds the mean), each seed (grey), and the "
                "ranges an independent implementation of the paper measured (shaded; docs/science.md).")
    writer.write_manifest()


def plot_completion(args, np, plt):
    """The completion reproduction: every run's curves, and the SNN runs against soft-impute's frontier."""
    directory = Path(args.dir)
    recipe = read_json(directory / "reproduction.json")
    runs = [Run(directory / "runs" / r["name"], r["label"]) for r in recipe["runs"]]
    convex = Run(directory / "runs" / "nuclear", "soft-impute (best lambda)")
    writer = FigureWriter(plt, directory / "figures")
    writer.labels = [run.label for run in runs + [convex]]
    draw_entry_errors(writer, runs + [convex], np)
    draw_loss(writer, runs + [convex], np)

    path = read_csv_columns(convex.directory / "lambda_path.csv")
    fig, (ax,) = writer.new((7.0, 4.5))
    ax.plot(path["train_rmse"], path["nuclear_norm"], "o-", color="black", markersize=4,
            label="soft-impute path (the frontier)")
    colour = colours(runs, plt)
    for run in runs:
        if run.trained and "nuclear_norm" in run.trace and run.config.get("model") in ("snn", "bm"):
            ax.plot(run.trace["train_rmse"], run.trace["nuclear_norm"], color=colour[run.directory], linewidth=1,
                    alpha=0.8)
            ax.plot([run.final("train_rmse")], [run.final("nuclear_norm")], "s", color=colour[run.directory],
                    label=run.label)
    # Linear axes: the runs start near X = 0 and the question is how far above the curve they end.
    ax.set_ylim(0, 1.15 * max(max(path["nuclear_norm"]),
                              max((run.final("nuclear_norm") or 0) for run in runs)))
    ax.set_xlabel("training RMSE (observed entries)")
    ax.set_ylabel("nuclear norm of X")
    ax.set_title("Where gradient descent lands: nuclear norm against training error")
    ax.legend(fontsize=8)
    writer.save(fig, "frontier",
                "Nuclear norm against training RMSE: soft-impute's solutions along its lambda path (black; the smallest "
                "nuclear norm at each training error, up to the path's resolution) and each trained model's "
                "trajectory (thin line) ending at its reported iterate (square). A model on the black curve has "
                "found the minimum-nuclear-norm completion at its training error; above it, more nuclear norm.")
    writer.write_manifest()


def plot_sweep(args, np, plt):
    """A sweep's metric against one grid key; seeds are averaged, every other key makes its own line."""
    directory = Path(args.dir)
    table = read_csv_columns(directory / "table.csv")
    grid = read_json(directory / "sweep.json")["grid"]
    keys = sorted(grid)
    against = args.against or next((k for k in keys if k != "seed"), None)
    if against not in keys:
        raise KeyError(f"{against!r} is not a grid key of {directory / 'sweep.json'} (keys: {', '.join(keys)})")
    if args.metric not in table:
        raise KeyError(f"{args.metric!r} is not a column of {directory / 'table.csv'}")
    others = ["problem"] + [k for k in keys if k not in (against, "seed")]
    lines = {}
    for row in range(len(table["configuration"])):
        label = ", ".join(f"{k}={table[k][row]}" for k in others)
        lines.setdefault(label, {}).setdefault(float(table[against][row]), []).append(float(table[args.metric][row]))
    writer = FigureWriter(plt, directory / "figures")
    writer.labels = list(lines)
    fig, (ax,) = writer.new(STANDARD)
    for label, points in lines.items():
        xs = sorted(points)
        means = [np.nanmean(points[x]) for x in xs]
        stds = [np.nanstd(points[x], ddof=1) if len(points[x]) > 1 else 0.0 for x in xs]
        ax.errorbar(xs, means, yerr=stds, fmt="o-", capsize=4, label=label)
    xs = np.asarray(table[against], dtype=float)
    if np.all(xs > 0) and xs.max() >= 10 * xs.min():
        ax.set_xscale("log")
    ax.set_xlabel(against)
    ax.set_ylabel(args.metric)
    ax.legend(fontsize=8)
    writer.save(fig, f"sweep_{args.metric}",
                f"{args.metric} against {against}: mean ± sample std over seeds (error bars), one line per problem "
                "and setting of the other grid keys.")
    writer.write_manifest()


def parse_arguments(argv):
    parser = argparse.ArgumentParser(description="Draw snnsense's figures (PNG and SVG) from run directories.")
    commands = parser.add_subparsers(dest="command", required=True)
    runs = commands.add_parser("runs", help="loss, nuclear norm, singular values, relative error and rank of any runs, "
                               "and the reconstructions")
    runs.add_argument("runs", nargs="+", help="run directories (from train, compare, solve or reproduce)")
    runs.add_argument("--out", required=True, help="folder for the figures")
    runs.set_defaults(handler=plot_runs)
    reproduction = commands.add_parser("reproduction", help="every figure of a 'snnsense reproduce' figure folder")
    reproduction.add_argument("dir", help="the folder (with reproduction.json, runs/, problem/)")
    reproduction.set_defaults(handler=plot_reproduction)
    init_scale = commands.add_parser("init-scale", help="the init-scale experiment's error-bar plot")
    init_scale.add_argument("dir", help="the folder (with table.csv and results.csv)")
    init_scale.set_defaults(handler=plot_init_scale)
    completion = commands.add_parser("completion", help="the completion reproduction: errors and the nuclear-norm "
                                     "frontier")
    completion.add_argument("dir", help="the folder (with reproduction.json, runs/, frontier.csv)")
    completion.set_defaults(handler=plot_completion)
    sweep = commands.add_parser("sweep", help="a 'snnsense sweep': a metric against one grid key, error bars over seeds")
    sweep.add_argument("dir", help="the sweep's folder (with sweep.json and table.csv)")
    sweep.add_argument("--metric", default="relative_error", help="a column of table.csv")
    sweep.add_argument("--against", help="the grid key on the x axis (default: the first key other than seed)")
    sweep.set_defaults(handler=plot_sweep)
    return parser.parse_args(argv)


def main(argv):
    args = parse_arguments(argv)
    np, plt = import_plotting()
    try:
        args.handler(args, np, plt)
    except (OSError, KeyError, ValueError, json.JSONDecodeError) as error:
        print(f"snnsense_plot.py: {type(error).__name__}: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
