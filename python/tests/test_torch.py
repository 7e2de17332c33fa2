"""snnsense.torch: the exact spectral activation as an autograd Function, and the SNN as a Module."""

import numpy as np
import pytest

import snnsense

torch = pytest.importorskip("torch", reason="PyTorch is not installed (apt-get install python3-torch)")
st = pytest.importorskip("snnsense.torch")

ACTIVATIONS = [("tanh", 1.0), ("scaled-tanh", 2.0), ("softsign", 1.0), ("centred-sigmoid", 3.0), ("identity", 1.0)]


def f(name, scale, s):
    """The scalar activations, written out independently of the C++ core."""
    return {
        "tanh": lambda: np.tanh(s),
        "scaled-tanh": lambda: scale * np.tanh(s / scale),
        "softsign": lambda: s / (1 + np.abs(s)),
        "centred-sigmoid": lambda: scale * (1 / (1 + np.exp(-s)) - 0.5),
        "identity": lambda: s,
    }[name]()


def reference(Q, name, scale):
    U, s, Vt = np.linalg.svd(Q, full_matrices=False)
    return (U * f(name, scale, s)[..., None, :]) @ Vt


def autograd_through_svd(Q):
    """What PyTorch users write: sigma_tanh(Q) with autograd through torch.linalg.svd."""
    U, s, Vh = torch.linalg.svd(Q, full_matrices=False)
    return U @ torch.diag_embed(torch.tanh(s)) @ Vh


def grad_through_svd(Q):
    Q = Q.clone().requires_grad_(True)
    G = torch.arange(Q.numel(), dtype=Q.dtype).reshape(Q.shape) / Q.numel() - 0.3
    (autograd_through_svd(Q) * G).sum().backward()
    return Q.grad


def gradcheck(Q, activation="tanh", scale=1.0):
    Q = Q.clone().requires_grad_(True)
    return torch.autograd.gradcheck(
        lambda x: st.spectral_activation(x, activation, scale), (Q,), eps=1e-6, atol=1e-7, rtol=1e-5
    )


@pytest.mark.parametrize("name,scale", ACTIVATIONS)
@pytest.mark.parametrize("shape", [(5, 5), (6, 4), (3, 7), (2, 3, 4, 4)])
def test_forward_matches_numpy_for_every_activation(name, scale, shape):
    Q = np.random.default_rng(0).normal(size=shape)
    out = st.spectral_activation(torch.from_numpy(Q), name, scale)
    assert out.dtype == torch.float64 and out.shape == Q.shape
    np.testing.assert_allclose(out.numpy(), reference(Q, name, scale), rtol=0, atol=1e-13)


@pytest.mark.parametrize("name,scale", ACTIVATIONS)
@pytest.mark.parametrize("shape", [(5, 5), (6, 4), (3, 7), (2, 3, 3)])
def test_gradcheck_at_random_points(name, scale, shape):
    Q = torch.from_numpy(np.random.default_rng(1).normal(size=shape))
    assert gradcheck(Q, name, scale)


@pytest.mark.parametrize("shape", [(5, 5), (6, 4), (4, 6)])
def test_gradcheck_at_eps_identity_where_svd_autograd_is_not_finite(shape):
    # All singular values equal (the paper's identity initialisation U = V = 1e-4 I gives 1e-8 I).
    Q = 1e-4 * torch.eye(*shape, dtype=torch.float64)
    assert not torch.isfinite(grad_through_svd(Q)).all()
    assert gradcheck(Q)


@pytest.mark.parametrize("shape", [(6, 6), (7, 4), (4, 7)])
def test_gradcheck_at_rank_deficient_inputs_where_svd_autograd_is_not_finite(shape):
    # Rank 2 with exactly zero singular values: a 2 x 2 block, rows and columns permuted.
    rng = np.random.default_rng(2)
    Q = np.zeros(shape)
    Q[:2, :2] = rng.normal(size=(2, 2))
    Q = torch.from_numpy(Q[rng.permutation(shape[0])][:, rng.permutation(shape[1])].copy())
    assert not torch.isfinite(grad_through_svd(Q)).all()
    assert gradcheck(Q)
    # Rank 2 in general position (singular values of order 1e-16 instead of 0).
    Q = torch.from_numpy(rng.normal(size=(shape[0], 2)) @ rng.normal(size=(2, shape[1])))
    assert gradcheck(Q)


def test_gradient_at_identity_init_is_the_exact_one():
    # At Q = c I (square), sigma_tanh(Q) = tanh(c) I and the derivative in direction H is
    # tanh'(c) sym(H) + tanh(c)/c skw(H): a closed form to compare with.
    c = 0.3
    Q = (c * torch.eye(4, dtype=torch.float64)).requires_grad_(True)
    G = torch.from_numpy(np.random.default_rng(3).normal(size=(4, 4)))
    (st.spectral_activation(Q) * G).sum().backward()
    sym, skw = (G + G.T) / 2, (G - G.T) / 2
    expected = (1 - np.tanh(c) ** 2) * sym + np.tanh(c) / c * skw
    np.testing.assert_allclose(Q.grad.numpy(), expected.numpy(), rtol=0, atol=1e-14)


def test_float32_in_float32_out_and_matches_float64():
    Q = torch.from_numpy(np.random.default_rng(4).normal(size=(3, 5, 4)))
    Q32 = Q.float().requires_grad_(True)
    Q64 = Q32.detach().double().requires_grad_(True)
    out32, out64 = st.spectral_activation(Q32), st.spectral_activation(Q64)
    assert out32.dtype == torch.float32
    out32.sum().backward()
    out64.sum().backward()
    assert Q32.grad.dtype == torch.float32
    np.testing.assert_allclose(out32.detach().numpy(), out64.detach().numpy(), atol=1e-6)
    np.testing.assert_allclose(Q32.grad.numpy(), Q64.grad.numpy(), atol=1e-5)


def test_non_contiguous_and_batched_inputs():
    Q = torch.from_numpy(np.random.default_rng(5).normal(size=(2, 6, 5))).transpose(1, 2)  # (2, 5, 6), strided
    out = st.spectral_activation(Q)
    np.testing.assert_allclose(out.numpy(), reference(Q.numpy(), "tanh", 1.0), atol=1e-13)


def test_backward_twice_with_retained_graph_gives_the_same_gradient():
    Q = torch.from_numpy(np.random.default_rng(6).normal(size=(4, 4))).requires_grad_(True)
    out = st.spectral_activation(Q).sum()
    (first,) = torch.autograd.grad(out, Q, retain_graph=True)
    (second,) = torch.autograd.grad(out, Q)
    assert torch.equal(first, second)


@pytest.mark.parametrize("name", ["sigmoid", "softplus", "exp"])
def test_activations_with_nonzero_f0_are_refused(name):
    with pytest.raises(ValueError, match=r"f\(0\) != 0"):
        st.spectral_activation(torch.eye(3, dtype=torch.float64), name)


def test_bad_inputs_are_refused_with_a_clear_error():
    with pytest.raises(ValueError, match="unknown activation 'relu'"):
        st.spectral_activation(torch.eye(3, dtype=torch.float64), "relu")
    with pytest.raises(TypeError, match="name of an activation"):
        st.spectral_activation(torch.eye(3, dtype=torch.float64), torch.tanh)
    with pytest.raises(TypeError, match="float64 or float32"):
        st.spectral_activation(torch.eye(3, dtype=torch.int64))
    with pytest.raises(ValueError, match="matrix or a batch"):
        st.spectral_activation(torch.ones(3, dtype=torch.float64))
    with pytest.raises(ValueError, match="scale"):
        st.spectral_activation(torch.eye(3, dtype=torch.float64), "scaled-tanh", -1.0)
    Q = torch.eye(3, dtype=torch.float64)
    Q[1, 2] = float("nan")
    with pytest.raises(ArithmeticError, match="not finite"):
        st.spectral_activation(Q)
