"""PyTorch layers with snnsense's exact spectral activation.

    import torch, snnsense.torch as st
    Q = torch.eye(5, dtype=torch.float64, requires_grad=True) * 1e-4
    st.spectral_activation(Q).sum().backward()      # finite, where autograd through an SVD is not

spectral_activation(Q) is sigma_f(Q) = U diag(f(s)) V^T on CPU tensors (float64 or float32, any
leading batch dimensions, square or rectangular). Its backward pass is the exact formula of Chu,
Ghosh, Lam and Mukherjee (ICML 2024, section 2) computed by the C++ core from the forward pass's
SVD: finite and accurate at repeated and zero singular values (identity initialisation,
rank-deficient matrices), where torch.linalg.svd's backward returns NaN or inf.

SNN(n1, n2, ...) is snnsense's spectral neural network as a torch.nn.Module, with the same
parameters in the same order as snnsense's flat parameter vector (flat(), load_flat()).
"""

from __future__ import annotations

from typing import Optional, Sequence

try:
    import torch
except ImportError as error:  # torch is an optional dependency of snnsense
    raise ImportError(
        "snnsense.torch needs PyTorch, which is not installed: apt-get install python3-torch "
        "(Debian 12; the rest of snnsense works without it)"
    ) from error

import numpy as np
from torch.autograd.function import once_differentiable

from . import _snnsense

__all__ = ["spectral_activation", "SpectralActivation", "SNN"]


def _check_input(Q: torch.Tensor) -> None:
    if not isinstance(Q, torch.Tensor):
        raise TypeError(f"Q: expected a torch.Tensor, got {type(Q).__name__}")
    if Q.device.type != "cpu":
        raise ValueError(f"Q: snnsense.torch works on CPU tensors, got one on {Q.device} (use Q.cpu())")
    if Q.dtype not in (torch.float64, torch.float32):
        raise TypeError(f"Q: expected a float64 or float32 tensor, got {Q.dtype}")
    if Q.dim() < 2:
        raise ValueError(f"Q: expected a matrix or a batch of matrices (..., p, q), got shape {tuple(Q.shape)}")


def _as_batch(T: torch.Tensor) -> np.ndarray:
    """(..., p, q) tensor as a C-contiguous float64 (batch, p, q) array, sharing memory when it can."""
    p, q = T.shape[-2:]
    return T.detach().to(torch.float64).contiguous().reshape(-1, p, q).numpy()


class SpectralActivation(torch.autograd.Function):
    """The autograd Function behind spectral_activation(); call it through that function."""

    @staticmethod
    def forward(ctx, Q: torch.Tensor, activation: str, scale: float) -> torch.Tensor:
        out, state = _snnsense.spectral_activation_forward(_as_batch(Q), activation, scale)
        ctx.state = state
        return torch.from_numpy(out).reshape(Q.shape).to(Q.dtype)

    @staticmethod
    @once_differentiable
    def backward(ctx, G: torch.Tensor):
        dQ = _snnsense.spectral_activation_backward(ctx.state, _as_batch(G))
        return torch.from_numpy(dQ).reshape(G.shape).to(G.dtype), None, None


def spectral_activation(Q: torch.Tensor, activation: str = "tanh", scale: float = 1.0) -> torch.Tensor:
    """sigma_f(Q) = U diag(f(s)) V^T for each matrix of Q (..., p, q), with the exact backward pass.

    activation: tanh, scaled-tanh (c tanh(s/c)), softsign (s/(1+|s|)), centred-sigmoid
    (c (sigmoid(s) - 1/2)) or identity, as `snnsense train --activation`; scale is c. Functions with
    f(0) != 0 (sigmoid, softplus, exp) are refused with a ValueError: sigma_f is not well defined
    at rank-deficient matrices for them.
    Q: a CPU tensor, float64 or float32 (computed in float64, returned in Q's dtype). The SVD of the
    forward pass is kept for the backward pass, which never decomposes a matrix again; both passes
    release the GIL. Differentiable once (no double backward).
    """
    _check_input(Q)
    if not isinstance(activation, str):
        raise TypeError(
            f"activation: expected the name of an activation ({', '.join(_snnsense.activation_names())}), "
            f"got {type(activation).__name__}"
        )
    if Q.numel() == 0:
        return Q.clone()
    return SpectralActivation.apply(Q, activation, float(scale))


class SNN(torch.nn.Module):
    """snnsense's spectral neural network as a torch.nn.Module.

    Inputs Q_k = U_k V_k^T (k = 1..d_1, U_k n1 x rank, V_k n2 x rank); layer l applies
    spectral_activation to each of its d_l matrices and mixes them with alpha^(l) (d_l x d_{l+1},
    d_{L+1} = 1): X^(l+1)_j = sum_i alpha^(l)_ij sigma_f(X^(l)_i). forward() returns X (n1 x n2).

    Parameters, in this order (model.parameters() and the flat vector alike): U (d_1, n1, rank),
    V (d_1, n2, rank), then alpha^(1..L). flat() and load_flat() convert to and from snnsense's flat
    parameter vector (each matrix column-major), so snnsense.SNN(...).value(model.flat()) is
    model() and snnsense.train(..., params=model.flat()) continues from here.

    The initial parameters are snnsense's: snnsense.SNN(...).initial_parameters(seed). init is
    identity (U = V = init_eps I), random, diag, or spectral (give the well-specified problem).
    rank 0 means min(n1, n2).
    """

    def __init__(
        self,
        n1: int,
        n2: int,
        layers: Sequence[int] = (2, 2, 2, 2),
        rank: int = 0,
        activation: str = "tanh",
        init: str = "identity",
        *,
        activation_scale: float = 1.0,
        init_eps: float = 1e-4,
        init_scale: float = 1.0,
        seed: int = 0,
        problem: Optional[_snnsense.Problem] = None,
        dtype: torch.dtype = torch.float64,
    ) -> None:
        super().__init__()
        options = dict(
            layers=list(layers),
            activation=activation,
            activation_scale=activation_scale,
            init=init,
            init_eps=init_eps,
            init_scale=init_scale,
            rank=rank,
        )
        if problem is not None:
            if tuple(problem.shape) != (n1, n2):
                raise ValueError(f"problem: its matrices are {problem.n1} x {problem.n2}, not {n1} x {n2}")
            reference = _snnsense.SNN(problem=problem, **options)
        else:
            reference = _snnsense.SNN(shape=(n1, n2), **options)
        self.reference = reference
        self.n1, self.n2 = n1, n2
        self.layers = list(layers)
        self.rank = rank if rank > 0 else min(n1, n2)
        self.activation = activation
        self.activation_scale = float(activation_scale)
        d1 = self.layers[0]
        self.U = torch.nn.Parameter(torch.empty(d1, n1, self.rank, dtype=dtype))
        self.V = torch.nn.Parameter(torch.empty(d1, n2, self.rank, dtype=dtype))
        widths = self.layers + [1]
        self.alphas = torch.nn.ParameterList(
            [torch.nn.Parameter(torch.empty(widths[l], widths[l + 1], dtype=dtype)) for l in range(len(self.layers))]
        )
        self.load_flat(reference.initial_parameters(seed))

    @staticmethod
    def _column_major(p: torch.Tensor) -> torch.Tensor:
        return p.transpose(-1, -2).reshape(-1)

    def flat(self) -> torch.Tensor:
        """The parameters as snnsense's flat float64 vector (a detached copy)."""
        with torch.no_grad():
            return torch.cat([self._column_major(p).to(torch.float64) for p in self.parameters()])

    def load_flat(self, params) -> None:
        """Sets the parameters from snnsense's flat vector (numpy array, tensor or sequence)."""
        values = torch.as_tensor(np.asarray(params, dtype=np.float64)).reshape(-1)
        count = sum(p.numel() for p in self.parameters())
        if values.numel() != count:
            raise ValueError(f"params: expected {count} values for this SNN, got {values.numel()}")
        offset = 0
        with torch.no_grad():
            for p in self.parameters():
                rows, cols = p.shape[-2:]
                block = values[offset : offset + p.numel()].reshape(*p.shape[:-2], cols, rows)
                p.copy_(block.transpose(-1, -2))
                offset += p.numel()

    def forward(self) -> torch.Tensor:
        X = self.U @ self.V.transpose(1, 2)
        for alpha in self.alphas:
            S = spectral_activation(X, self.activation, self.activation_scale)
            X = torch.einsum("iab,ij->jab", S, alpha)
        return X[0]

    def extra_repr(self) -> str:
        return (
            f"n1={self.n1}, n2={self.n2}, layers={self.layers}, rank={self.rank}, "
            f"activation={self.activation!r}"
        )
