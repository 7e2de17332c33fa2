#!/usr/bin/python3
"""PyTorch reference for the speed comparison of docs/performance.md.

An independent implementation of what `snnsense train` computes with full-batch gradient
descent: the SNN of docs/science.md section 2 (autograd through torch.linalg.svd, float64) and LG
(X itself as the parameter). It reads a problem directory written by `snnsense generate` and
can start from the parameters that `snnsense train --params-init-out` wrote, so that both
programs follow the same trajectory. Prints one JSON object:
{"ms_per_iter", "final_loss", "initial_loss", "iterations", "threads", "torch", "status"}.

Parameter layout (flat, as in src/snnsense/models/snn.hpp): all U_k (column-major n1 x r),
then all V_k (column-major n2 x r), then alpha^(l) (column-major d_l x d_{l+1}).
"""
import argparse
import json
import math
import os
import sys
import time

import numpy as np
import torch


def load_operator(directory, manifest):
    """Returns (apply, adjoint) closures over the training measurements, in numpy's C order."""
    n1, n2 = manifest["shape"]
    m = manifest["measurements"]["train"]
    kind = manifest["operator"]

    def array(name):
        return torch.from_numpy(np.load(os.path.join(directory, name)))

    if kind == "dense":
        A = array("A.npy")[:m].to(torch.float64).contiguous()
        return (lambda X: A @ X.reshape(-1)), m
    if kind == "spectral":
        phi, psi = array("phi.npy").double(), array("psi.npy").double()
        coefficients = array("coefficients.npy")[:m].double().contiguous()
        return (lambda X: coefficients @ ((phi.T @ X) * psi.T).sum(dim=1)), m
    if kind == "completion":
        rows, cols = array("rows.npy")[:m].long(), array("cols.npy")[:m].long()
        flat = rows * n2 + cols
        return (lambda X: X.reshape(-1)[flat]), m
    if kind == "rank_one":
        left, right = array("left.npy")[:m].double(), array("right.npy")[:m].double()
        return (lambda X: ((left @ X) * right).sum(dim=1)), m
    sys.exit(f"torch_reference: unknown operator kind {kind!r}")


ACTIVATIONS = {
    "tanh": lambda s, c: torch.tanh(s),
    "scaled-tanh": lambda s, c: c * torch.tanh(s / c),
    "softsign": lambda s, c: s / (1 + s.abs()),
    "centred-sigmoid": lambda s, c: 0.5 * c * torch.tanh(0.5 * s),
    "identity": lambda s, c: s,
}


class Snn:
    def __init__(self, n1, n2, widths, rank, activation, scale, batched=False):
        self.n1, self.n2, self.rank = n1, n2, rank or min(n1, n2)
        self.batched = batched
        self.widths = list(widths) + [1]
        self.f = lambda s: ACTIVATIONS[activation](s, scale)
        self.count = self.widths[0] * (n1 + n2) * self.rank + sum(
            a * b for a, b in zip(self.widths[:-1], self.widths[1:]))

    def identity_init(self, eps):
        p = torch.zeros(self.count, dtype=torch.float64)
        U = eps * torch.eye(self.n1, self.rank, dtype=torch.float64)
        V = eps * torch.eye(self.n2, self.rank, dtype=torch.float64)
        d1, a, b = self.widths[0], self.n1 * self.rank, self.n2 * self.rank
        for k in range(d1):
            p[k * a:(k + 1) * a] = U.T.reshape(-1)
            p[d1 * a + k * b:d1 * a + (k + 1) * b] = V.T.reshape(-1)
        p[d1 * (a + b):] = torch.rand(self.count - d1 * (a + b), dtype=torch.float64)
        return p

    def sigma(self, Q):
        U, s, Vh = torch.linalg.svd(Q, full_matrices=False)
        return (U * self.f(s).unsqueeze(-2)) @ Vh

    def __call__(self, p):
        n1, n2, r, w = self.n1, self.n2, self.rank, self.widths
        a, b = n1 * r, n2 * r
        # Column-major n x r is the transpose of a row-major r x n block.
        xs = [p[k * a:(k + 1) * a].reshape(r, n1).T @ p[w[0] * a + k * b:w[0] * a + (k + 1) * b].reshape(r, n2)
              for k in range(w[0])]
        offset = w[0] * (a + b)
        for din, dout in zip(w[:-1], w[1:]):
            alpha = p[offset:offset + din * dout].reshape(dout, din).T
            offset += din * dout
            post = self.sigma(torch.stack(xs)) if self.batched else torch.stack([self.sigma(x) for x in xs])
            xs = list(torch.einsum("ij,iab->jab", alpha, post))
        return xs[0]


class Lg:
    def __init__(self, n1, n2):
        self.n1, self.n2, self.count = n1, n2, n1 * n2

    def identity_init(self, eps):
        return torch.zeros(self.count, dtype=torch.float64)

    def __call__(self, p):
        # snnsense stores X column-major in its flat parameter vector.
        return p.reshape(self.n2, self.n1).T


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--problem", required=True, help="problem directory from 'snnsense generate'")
    parser.add_argument("--model", default="snn", choices=["snn", "lg"])
    parser.add_argument("--layers", default="2,2,2,2")
    parser.add_argument("--rank", type=int, default=0)
    parser.add_argument("--activation", default="tanh", choices=sorted(ACTIVATIONS))
    parser.add_argument("--activation-scale", type=float, default=1.0)
    parser.add_argument("--params-in", help="initial parameters (.npy), e.g. from snnsense --params-init-out")
    parser.add_argument("--init-eps", type=float, default=1e-4, help="identity init when --params-in is absent")
    parser.add_argument("--jitter", type=float, default=0.0,
                        help="add jitter * N(0,1) to the initial U_k, V_k: autograd through an SVD gives NaN at "
                             "repeated singular values, so the authors' code needs 1e-6 at identity init")
    parser.add_argument("--batched", action="store_true",
                        help="one batched torch.linalg.svd per layer instead of one call per matrix (the authors' "
                             "code calls it per matrix)")
    parser.add_argument("--lr", type=float, required=True)
    parser.add_argument("--iters", type=int, required=True)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()

    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    with open(os.path.join(args.problem, "problem.json")) as f:
        manifest = json.load(f)
    n1, n2 = manifest["shape"]
    apply, m = load_operator(args.problem, manifest)
    y = torch.from_numpy(np.load(os.path.join(args.problem, "y.npy"))[:m]).double()

    if args.model == "snn":
        model = Snn(n1, n2, [int(w) for w in args.layers.split(",")], args.rank, args.activation, args.activation_scale,
                    args.batched)
    else:
        model = Lg(n1, n2)
    if args.params_in:
        p = torch.from_numpy(np.load(args.params_in)).double()
        if p.numel() != model.count:
            sys.exit(f"torch_reference: {args.params_in} holds {p.numel()} values, the model has {model.count}")
    else:
        p = model.identity_init(args.init_eps)
    if args.jitter > 0 and args.model == "snn":
        factors = model.widths[0] * (n1 + n2) * model.rank
        p[:factors] += args.jitter * torch.randn(factors, dtype=torch.float64)
    p = p.clone().requires_grad_(True)

    def loss_at(params):
        residual = apply(model(params)) - y
        return 0.5 * residual.dot(residual) / m

    initial_loss = float("nan")
    status = "max_iterations"
    final_loss = float("nan")
    done = 0
    start = time.perf_counter()
    try:
        for t in range(args.iters):
            loss = loss_at(p)
            if t == 0:
                initial_loss = loss.item()
            p.grad = None
            loss.backward()
            with torch.no_grad():
                p -= args.lr * p.grad
            done = t + 1
            if t % 100 == 0 and not math.isfinite(loss.item()):
                status = "diverged"
                break
        elapsed = time.perf_counter() - start
        with torch.no_grad():
            final_loss = loss_at(p).item()
    except RuntimeError as e:  # an SVD of a NaN matrix, after a NaN gradient at repeated singular values
        elapsed = time.perf_counter() - start
        status = "failed at iteration %d: %s" % (done, str(e).splitlines()[0])
    if status == "max_iterations" and not math.isfinite(final_loss):
        status = "diverged"
    print(json.dumps({"ms_per_iter": 1e3 * elapsed / max(done, 1), "initial_loss": initial_loss,
                      "final_loss": final_loss, "iterations": done, "threads": torch.get_num_threads(),
                      "torch": torch.__version__, "status": status}))


if __name__ == "__main__":
    main()
