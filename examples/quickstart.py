"""Fig. 3 of the paper in Python: SNN vs LG vs nuclear-norm minimisation on a Fashion-MNIST image.

Run from the repository root after `bash scripts/main.sh`:  PYTHONPATH=build/python /usr/bin/python3 examples/quickstart.py
"""
import sys

import matplotlib

matplotlib.use("Agg")  # no display needed
import matplotlib.pyplot as plt

import snnsense

# Test image 0, 470 Gaussian measurements (0.6 n^2), noise 0.01, as many held out.
problem = snnsense.Problem.image("fashion-mnist:0", measurements=470, noise_abs=0.01, seed=0)
runs = {
    "SNN [4,8,16]": snnsense.train(snnsense.SNN(layers=[4, 8, 16], activation="tanh", init="identity"),
                                   problem, lr="search", iters=2501),
    "LG": snnsense.train(snnsense.LG(), problem, lr="search", iters=2501),
    "convex": snnsense.solve_nuclear(problem),
}

fig, axes = plt.subplots(1, len(runs) + 1, figsize=(3 * (len(runs) + 1), 3.3))
axes[0].imshow(problem.x_true * problem.pixel_scale, cmap="gray", vmin=0, vmax=255)
axes[0].set_title("ground truth")
for ax, (name, run) in zip(axes[1:], runs.items()):
    final = run.final
    print(f"{name:13s} relative error {final['relative_error']:.3f}  PSNR {final['psnr']:.1f} dB  "
          f"nuclear norm {final['nuclear_norm']:.3f}  effective rank {final['effective_rank']:.1f}")
    ax.imshow(run.X * problem.pixel_scale, cmap="gray", vmin=0, vmax=255)
    ax.set_title(f"{name}\n{final['psnr']:.1f} dB, error {final['relative_error']:.3f}")
for ax in axes:
    ax.axis("off")
out = sys.argv[1] if len(sys.argv) > 1 else "quickstart.png"
fig.savefig(out, dpi=120, bbox_inches="tight")
print("wrote", out)
