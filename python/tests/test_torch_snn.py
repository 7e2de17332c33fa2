"""snnsense.torch.SNN: the same network, parameters, loss, gradient and GD trajectory as snnsense's."""

import numpy as np
import pytest

import snnsense

torch = pytest.importorskip("torch", reason="PyTorch is not installed (apt-get install python3-torch)")
st = pytest.importorskip("snnsense.torch")


def torch_loss(problem, X):
    """1/(2m) ||A(X) - y||^2 over the training measurements, written with torch operations."""
    A = torch.from_numpy(problem.train_operator.dense())
    y = torch.from_numpy(problem.train_y)
    r = A @ X.reshape(-1) - y
    return 0.5 * (r @ r) / len(y)


def relative(a, b):
    return np.linalg.norm(np.asarray(a) - np.asarray(b)) / np.linalg.norm(np.asarray(b))


@pytest.mark.parametrize(
    "n1,n2,options",
    [
        (6, 6, dict(layers=[2, 2, 2, 2])),
        (5, 7, dict(layers=[3, 2], rank=2, init="random", activation="softsign")),
        (7, 4, dict(layers=[2], init="diag", activation="scaled-tanh", activation_scale=0.5)),
    ],
)
def test_parameters_and_value_equal_snnsense(n1, n2, options):
    model = st.SNN(n1, n2, seed=3, **options)
    sn = snnsense.SNN(shape=(n1, n2), **options)
    params = sn.initial_parameters(3)
    assert model.flat().numpy().tolist() == params.tolist()
    assert sum(p.numel() for p in model.parameters()) == sn.parameter_count
    # The flat order is U_1..U_d1, V_1..V_d1, alpha^(1..L), each matrix column-major.
    U0 = params[: n1 * model.rank].reshape(model.rank, n1).T
    assert np.array_equal(model.U[0].detach().numpy(), U0)
    np.testing.assert_allclose(model().detach().numpy(), sn.value(params), rtol=0, atol=1e-14)
    moved = params + np.random.default_rng(0).normal(size=params.size)
    model.load_flat(moved)
    assert np.array_equal(model.flat().numpy(), moved)
    np.testing.assert_allclose(model().detach().numpy(), sn.value(moved), rtol=0, atol=1e-12)


def test_load_flat_refuses_a_vector_of_the_wrong_length():
    model = st.SNN(4, 4, layers=[2])
    with pytest.raises(ValueError, match="expected 66 values"):
        model.load_flat(np.zeros(65))


def test_loss_and_gradient_equal_snnsense_first_step(small_problem):
    # Identity initialisation: every input matrix is 1e-8 I, all singular values equal.
    model = st.SNN(6, 6, layers=[2, 2, 2, 2])
    loss = torch_loss(small_problem, model())
    loss.backward()
    grad = torch.cat([p.grad.transpose(-1, -2).reshape(-1) for p in model.parameters()]).numpy()
    assert np.isfinite(grad).all()

    params = model.flat().numpy()
    sn = snnsense.SNN(layers=[2, 2, 2, 2], shape=(6, 6))
    X = sn.value(params)
    op = small_problem.train_operator
    G = op.adjoint(op.apply(X) - small_problem.train_y) / op.measurements
    assert abs(loss.item() - snnsense.sensing_loss(op, small_problem.train_y, X)) <= 1e-12 * loss.item()
    assert relative(grad, sn.gradient(params, G)) <= 1e-12

    # snnsense.train's first step, lr = 1: params - grad.
    step = snnsense.train(sn, small_problem, lr=1.0, iters=1, params=params)
    assert abs(step.initial_loss - loss.item()) <= 1e-12 * loss.item()
    assert relative(params - grad, step.params) <= 1e-12


def follow_in_torch(problem, options, optimizer, torch_optimizer, lr, steps):
    """snnsense.train and the same steps of a torch optimizer from the same start: both results."""
    model = st.SNN(6, 6, seed=7, **options)
    result = snnsense.train(snnsense.SNN(**options), problem, lr=lr, iters=steps, seed=7, optimizer=optimizer)
    optimiser = torch_optimizer(model.parameters(), lr=lr)
    for _ in range(steps):
        optimiser.zero_grad()
        torch_loss(problem, model()).backward()
        optimiser.step()
    return result, model.flat().numpy(), torch_loss(problem, model()).item()


@pytest.mark.parametrize("options", [dict(layers=[2, 2, 2, 2]), dict(layers=[3, 2], init="random", rank=3)])
def test_200_sgd_steps_in_torch_follow_snnsense_train(small_problem, options):
    result, params, final_loss = follow_in_torch(small_problem, options, "gd", torch.optim.SGD, 0.01, 200)
    assert result.status == "max_iterations"
    assert result.final_loss < 0.5 * result.initial_loss  # the run goes somewhere
    assert relative(params, result.params) <= 1e-9
    assert abs(final_loss - result.final_loss) <= 1e-9 * result.final_loss


@pytest.mark.parametrize("options", [dict(layers=[2, 2, 2, 2]), dict(layers=[3, 2], init="random", rank=3)])
def test_100_adam_steps_in_torch_follow_snnsense_train(small_problem, options):
    result, params, final_loss = follow_in_torch(small_problem, options, "adam", torch.optim.Adam, 1e-3, 100)
    assert result.status == "max_iterations"
    assert result.final_loss < 0.5 * result.initial_loss
    # Adam divides by the root of the second moment: a coordinate whose gradient is tiny moves by
    # ~lr whatever its size, so agreement is judged on the function and loss as well as params.
    assert relative(params, result.params) <= 1e-7
    assert abs(final_loss - result.final_loss) <= 1e-7 * result.final_loss


def test_adam_refuses_momentum(small_problem):
    with pytest.raises(ValueError, match="--momentum: applies to --optimizer gd"):
        snnsense.train(snnsense.SNN(layers=[2]), small_problem, iters=2, optimizer="adam", momentum="heavy-ball")


def test_float32_module_trains():
    model = st.SNN(5, 5, layers=[2, 2], dtype=torch.float32)
    assert all(p.dtype == torch.float32 for p in model.parameters())
    target = torch.eye(5) * 0.1
    optimiser = torch.optim.Adam(model.parameters(), lr=1e-2)
    first = None
    for _ in range(50):
        optimiser.zero_grad()
        loss = ((model() - target) ** 2).sum()
        first = first if first is not None else loss.item()
        loss.backward()
        optimiser.step()
    assert loss.item() < 0.5 * first
