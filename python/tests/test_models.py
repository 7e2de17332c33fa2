"""Model values and vector-Jacobian products, checked against finite differences."""

import numpy as np
import pytest

import snnsense

MODELS = [
    ("snn-tanh", lambda shape: snnsense.SNN(layers=[2, 3], shape=shape)),
    ("snn-softsign", lambda shape: snnsense.SNN(layers=[3], activation="softsign", init="random", shape=shape)),
    ("snn-low-rank", lambda shape: snnsense.SNN(layers=[2, 2], rank=2, init="diag", shape=shape)),
    ("woa", lambda shape: snnsense.WOA(layers=[2, 2], shape=shape)),
    ("lg", lambda shape: snnsense.LG(shape=shape)),
    ("bm", lambda shape: snnsense.BM(rank=2, shape=shape)),
    ("df", lambda shape: snnsense.DF(depth=3, shape=shape)),
]


@pytest.mark.parametrize("name, make", MODELS, ids=[m[0] for m in MODELS])
def test_gradient_matches_finite_differences(name, make, rng):
    model = make((5, 4))
    # Away from the tiny initialisation, where every term of the backward pass matters.
    params = model.initial_parameters(seed=3) + 0.3 * rng.standard_normal(model.parameter_count)
    G = rng.standard_normal((5, 4))
    direction = rng.standard_normal(model.parameter_count)
    h = 1e-6
    f = lambda p: np.sum(G * model.value(p))  # noqa: E731
    numeric = (f(params + h * direction) - f(params - h * direction)) / (2 * h)
    analytic = model.gradient(params, G) @ direction
    assert abs(numeric - analytic) <= 1e-6 * max(1.0, abs(numeric)), (name, numeric, analytic)


def test_bm_psd_is_u_u_transpose(rng):
    model = snnsense.BM(rank=2, psd=True, shape=(4, 4))
    assert model.name == "bm-psd"
    params = rng.standard_normal(model.parameter_count)
    U = params.reshape(2, 4).T  # column-major U, as the C++ model lays it out
    np.testing.assert_allclose(model.value(params), U @ U.T, rtol=1e-12)


def test_lg_value_is_its_parameters(rng):
    model = snnsense.LG(shape=(2, 3))
    params = rng.standard_normal(6)
    np.testing.assert_array_equal(model.value(params), params.reshape(3, 2).T)
    np.testing.assert_array_equal(model.initial_parameters(), np.zeros(6))


def test_initialisation_is_seeded():
    model = snnsense.SNN(layers=[4, 8, 16], init="random", shape=(6, 6))
    np.testing.assert_array_equal(model.initial_parameters(seed=7), model.initial_parameters(seed=7))
    assert not np.array_equal(model.initial_parameters(seed=7), model.initial_parameters(seed=8))


def test_model_takes_shape_and_basis_from_a_problem():
    problem = snnsense.Problem.synthetic(n=5, rank=2, operator="spectral", measurements=10, seed=0)
    model = snnsense.SNN(layers=[2], init="spectral", problem=problem)
    assert model.shape == (5, 5)
    assert model.value(model.initial_parameters()).shape == (5, 5)
    assert "SNN(layers=[2], activation='tanh', init='spectral'" in repr(model)


def test_bad_model_arguments_raise_value_error():
    with pytest.raises(ValueError, match="activation 'sigmoid' has f\\(0\\) != 0"):
        snnsense.SNN(activation="sigmoid")
    with pytest.raises(ValueError, match="--layers: widths must be positive integers, got 0"):
        snnsense.SNN(layers=[4, 0])
    with pytest.raises(ValueError, match="unknown init 'zeros'"):
        snnsense.DF(init="zeros")
    with pytest.raises(ValueError, match="--init spectral: needs a well-specified problem"):
        snnsense.SNN(init="spectral", shape=(4, 4))
    with pytest.raises(ValueError, match="--model bm-psd: needs a square problem, got 3 x 4"):
        snnsense.BM(psd=True, shape=(3, 4))
    with pytest.raises(ValueError, match="the model has no matrix shape yet"):
        snnsense.SNN().value(np.zeros(3))
    model = snnsense.WOA(shape=(3, 3))
    with pytest.raises(ValueError, match=f"params: expected {model.parameter_count} values for woa, got 2"):
        model.value(np.zeros(2))
    with pytest.raises(ValueError, match="G: expected a 3 x 3 array, got 2 x 3"):
        model.gradient(model.initial_parameters(), np.zeros((2, 3)))


def test_representation_gives_the_same_function_gradient_and_training(rng):
    # rank 1 with layers[0] = 2 on 6 x 7: auto computes on the cores of X = P C Q^T.
    dense = snnsense.SNN(layers=[2, 2], rank=1, init="random", representation="dense", shape=(6, 7))
    factored = snnsense.SNN(layers=[2, 2], rank=1, init="random", representation="factored", shape=(6, 7))
    auto = snnsense.SNN(layers=[2, 2], rank=1, init="random", shape=(6, 7))
    assert "representation='factored'" in repr(factored) and "representation" not in repr(auto)
    params = dense.initial_parameters(seed=2) + 0.3 * rng.standard_normal(dense.parameter_count)
    G = rng.standard_normal((6, 7))
    for model in (factored, auto):
        np.testing.assert_allclose(model.value(params), dense.value(params), rtol=1e-10, atol=1e-14)
        np.testing.assert_allclose(model.gradient(params, G), dense.gradient(params, G), rtol=1e-10, atol=1e-14)
    problem = snnsense.Problem.synthetic(n=6, rank=2, measurements=30, seed=1)
    problem_model = lambda representation: snnsense.SNN(  # noqa: E731
        layers=[2, 2], rank=1, init="random", representation=representation)
    a = snnsense.train(problem_model("dense"), problem, lr=0.01, iters=30)
    b = snnsense.train(problem_model("auto"), problem, lr=0.01, iters=30)
    assert a.status == b.status == "max_iterations"
    np.testing.assert_allclose(b.X, a.X, rtol=1e-9, atol=1e-14)
    with pytest.raises(ValueError, match=r"representation: unknown form 'sparse' \(expected auto, dense or factored\)"):
        snnsense.SNN(representation="sparse")
