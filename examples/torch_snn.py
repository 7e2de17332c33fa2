"""An SNN layer inside a PyTorch model: completing a Fashion-MNIST image from 40% of its pixels.

Run from the repository root after the build (about 15 s on one core):
    PYTHONPATH=build/python /usr/bin/python3 examples/torch_snn.py [out.png]

The model is ordinary PyTorch: snnsense.torch.SNN (the spectral neural network of Chu, Ghosh, Lam,
Mukherjee, ICML 2024, at the paper's identity initialisation) followed by a learnable gray-level
offset, trained with Adam on the observed pixels. Beside it, the same model with the spectral
activation written as autograd through torch.linalg.svd shows why the exact backward matters: at
the identity initialisation every input matrix has all its singular values equal, and that
gradient is NaN from the first step.
"""

import sys
import time

import numpy as np
import torch

import snnsense
import snnsense.torch as st

torch.manual_seed(0)
STEPS = 300
LR = 3e-3  # Adam's step; the network's output starts near zero and must reach pixel values ~ 1/28

# Test image 0 of Fashion-MNIST (Debian's dataset-fashion-mnist), scaled to unit nuclear norm; 40%
# of the pixels observed (the training measurements), the other 60% held out to measure the
# completion.
problem = snnsense.Problem.image("fashion-mnist:0", operator="completion", fraction=0.4, test=-1, noise=0.0, seed=0)
train, test = problem.train_operator, problem.test_operator
rows, cols = torch.from_numpy(train.row_indices.copy()), torch.from_numpy(train.col_indices.copy())
observed = torch.from_numpy(problem.train_y)
x_true = problem.x_true
n1, n2 = problem.shape


class Completion(torch.nn.Module):
    """X = SNN() + b: a spectral network for the image's structure and a constant gray level."""

    def __init__(self, snn):
        super().__init__()
        self.snn = snn
        self.offset = torch.nn.Parameter(torch.zeros((), dtype=torch.float64))

    def forward(self):
        return self.snn() + self.offset


def loss_on(X, r, c, values):
    return 0.5 * ((X[r, c] - values) ** 2).mean()


# 1. Autograd through torch.linalg.svd at the same initialisation.
class SvdSNN(st.SNN):
    def forward(self):
        X = self.U @ self.V.transpose(1, 2)
        for alpha in self.alphas:
            U, s, Vh = torch.linalg.svd(X, full_matrices=False)
            X = torch.einsum("iab,ij->jab", U @ torch.diag_embed(torch.tanh(s)) @ Vh, alpha)
        return X[0]


plain = Completion(SvdSNN(n1, n2, layers=[4, 8, 16]))
loss_on(plain(), rows, cols, observed).backward()
bad = sum(int((~torch.isfinite(p.grad)).sum()) for p in plain.parameters())
total = sum(p.numel() for p in plain.parameters())
print(f"autograd through torch.linalg.svd at identity init: {bad} of {total} gradient entries are NaN/inf")

# 2. The same model with snnsense's exact spectral activation.
model = Completion(st.SNN(n1, n2, layers=[4, 8, 16], activation="tanh", init="identity"))
optimiser = torch.optim.Adam(model.parameters(), lr=LR)
start = time.perf_counter()
for step in range(STEPS + 1):
    optimiser.zero_grad()
    loss = loss_on(model(), rows, cols, observed)
    if step % 100 == 0:
        with torch.no_grad():
            X = model().numpy()
        held_out = np.linalg.norm(test.apply(X) - problem.test_y) / np.linalg.norm(problem.test_y)
        print(f"step {step:4d}  train loss {loss.item():.3e}  held-out pixels relative error {held_out:.3f}")
    if step == STEPS:
        break
    loss.backward()
    optimiser.step()
seconds = time.perf_counter() - start

with torch.no_grad():
    X = model().numpy()
metrics = snnsense.evaluate(problem, X)
print(
    f"{STEPS} Adam steps in {seconds:.1f} s: relative error {metrics['relative_error']:.3f}, "
    f"PSNR {metrics['psnr']:.1f} dB, effective rank {metrics['effective_rank']:.1f} "
    f"(the image's: {snnsense.effective_rank(x_true):.1f})"
)
# The trained network's parameters are snnsense's flat vector: continue in C++ from here if you like.
snn_params = model.snn.flat().numpy()
assert np.allclose(model.snn.reference.value(snn_params) + model.offset.item(), X)

if len(sys.argv) > 1:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    mask = np.zeros((n1, n2))
    mask[train.row_indices, train.col_indices] = 1
    scale = problem.pixel_scale
    fig, axes = plt.subplots(1, 3, figsize=(9, 3.3))
    for ax, image, title in zip(
        axes,
        [x_true * scale, np.where(mask > 0, x_true * scale, np.nan), X * scale],
        ["ground truth", "observed (40%)", f"SNN in torch, {metrics['psnr']:.1f} dB"],
    ):
        ax.imshow(image, cmap="gray", vmin=0, vmax=255)
        ax.set_title(title)
        ax.axis("off")
    fig.savefig(sys.argv[1], dpi=120, bbox_inches="tight")
    print("wrote", sys.argv[1])
