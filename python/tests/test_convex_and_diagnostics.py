"""The convex yardstick and the diagnostics, against numpy's own linear algebra."""

import numpy as np
import pytest

import snnsense


def test_solve_nuclear_recovers_a_low_rank_matrix():
    problem = snnsense.Problem.synthetic(n=8, rank=1, measurements=40, noise=0.0, seed=3)
    result = snnsense.solve_nuclear(problem)
    assert result.method == "admm" and result.status == "optimal" and result.optimal
    assert result.final["relative_error"] < 1e-4
    np.testing.assert_allclose(problem.train_operator.apply(result.X), problem.train_y, atol=1e-6)
    assert result.kkt["value"] < 1e-3 and result.kkt["dual"].shape == (40,)
    assert result.nuclear_norm == pytest.approx(np.linalg.norm(result.X, "nuc"))
    assert result.summary()["status"] == "optimal"


def test_soft_impute_agrees_with_apg_and_recovers_along_a_path():
    problem = snnsense.Problem.rectangular(n1=40, n2=30, rank=2, operator="completion", fraction=0.5, noise=0.0, seed=3)
    path = snnsense.soft_impute(problem, path_length=12, path_ratio=1e-4)
    assert len(path.path) == 12 and path.converged
    assert path.path[0]["rank"] == 0 and path.best_lambda == path.path[path.best_index]["lambda"]
    assert path.final["relative_error"] < 1e-2
    np.testing.assert_allclose(path.right.T @ path.right, np.eye(path.right.shape[1]), atol=1e-10)
    # One lambda: the minimiser apg finds for the same objective.
    lam = 0.1 * path.lambda_max
    one = snnsense.soft_impute(problem, lambdas=[lam], tolerance=1e-12, max_iterations=20000)
    apg = snnsense.solve_nuclear(problem, method="apg", lambda_=lam, tolerance=1e-11, max_iterations=200000)
    X = one.left @ one.right.T
    assert np.linalg.norm(X - apg.X) < 1e-6 * np.linalg.norm(apg.X)
    with pytest.raises(ValueError, match="--lambdas: must decrease strictly"):
        snnsense.soft_impute(problem, lambdas=[1.0, 2.0])
    dense = snnsense.Problem.synthetic(n=5, rank=1, measurements=15, seed=0)
    with pytest.raises(ValueError, match="--method: soft-impute needs a completion problem"):
        snnsense.soft_impute(dense)


def test_solve_nuclear_methods():
    well = snnsense.Problem.synthetic(n=6, rank=2, operator="spectral", measurements=5, seed=0)
    assert snnsense.solve_nuclear(well).method == "basis-pursuit"
    general = snnsense.Problem.synthetic(n=5, rank=1, measurements=15, seed=0)
    assert snnsense.solve_nuclear(general, method="apg", lambda_=1e-3).method == "apg"
    with pytest.raises(ValueError, match="--method apg needs the weight of the nuclear norm"):
        snnsense.solve_nuclear(general, method="apg")
    with pytest.raises(ValueError, match="--method: basis-pursuit needs a well-specified problem"):
        snnsense.solve_nuclear(general, method="basis-pursuit")


def test_solve_nuclear_max_memory():
    problem = snnsense.Problem.synthetic(n=5, rank=1, measurements=15, seed=0)
    with pytest.raises(ValueError, match="--method admm on this 5 x 5 problem needs about"):
        snnsense.solve_nuclear(problem, method="admm", max_memory=1e-6)
    assert snnsense.solve_nuclear(problem, method="admm").optimal


def test_kkt_residual_of_the_convex_solution_and_of_lg():
    problem = snnsense.Problem.synthetic(n=6, rank=1, measurements=20, noise=0.0, seed=5)
    convex = snnsense.solve_nuclear(problem)
    lg = snnsense.train(snnsense.LG(), problem, lr=0.005, iters=2000)
    assert lg.status == "max_iterations" and lg.final_loss < 1e-12
    at_convex = snnsense.kkt_residual(problem, convex.X)
    at_lg = snnsense.kkt_residual(problem, lg.X)
    assert set(at_convex) >= {"primal", "tangent", "spectral_excess", "value", "rank", "dual"}
    # Both interpolate; only the convex solution has minimum nuclear norm.
    assert at_convex["value"] < 1e-6 and at_lg["value"] > 0.1
    with pytest.raises(ValueError, match="X: expected a 6 x 6 array, got 2 x 2"):
        snnsense.kkt_residual(problem, np.zeros((2, 2)))


def test_spectrum_diagnostics_match_numpy(rng):
    X = rng.standard_normal((5, 3))
    s = np.linalg.svd(X, compute_uv=False)
    assert snnsense.nuclear_norm(X) == pytest.approx(s.sum())
    p = s / s.sum()
    assert snnsense.effective_rank(X) == pytest.approx(np.exp(-(p * np.log(p)).sum()))
    spectrum = snnsense.spectrum(X)
    np.testing.assert_allclose(spectrum["singular_values"], s)
    assert spectrum["rank"] == 3
    Y = X + 0.1
    assert snnsense.relative_error(Y, X) == pytest.approx(np.linalg.norm(Y - X) / np.linalg.norm(X))
    mse = np.mean((2 * Y - 2 * X) ** 2)
    assert snnsense.psnr(Y, X, 2.0) == pytest.approx(20 * np.log10(255 / np.sqrt(mse)))


def test_evaluate(small_problem):
    X = small_problem.x_true
    metrics = snnsense.evaluate(small_problem, X)
    assert metrics["relative_error"] == 0.0 and metrics["psnr"] is None
    expected = 0.5 * np.mean((small_problem.train_operator.apply(X) - small_problem.train_y) ** 2)
    assert metrics["train_loss"] == pytest.approx(expected)
    assert snnsense.sensing_loss(small_problem.train_operator, small_problem.train_y, X) == pytest.approx(expected)
    with pytest.raises(ValueError, match="operator applied to a 2 x 2 matrix, expected 6 x 6"):
        snnsense.evaluate(small_problem, np.zeros((2, 2)))
