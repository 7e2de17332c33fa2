"""The operators agree with the numpy expressions their documentation promises."""

import numpy as np
import pytest

import snnsense


def check_against_dense(op, rng):
    n1, n2 = op.shape
    A = op.dense()
    assert A.shape == (op.measurements, n1 * n2)
    X = rng.standard_normal((n1, n2))
    r = rng.standard_normal(op.measurements)
    np.testing.assert_allclose(op.apply(X), A @ X.ravel(), rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(op.adjoint(r), (A.T @ r).reshape(n1, n2), rtol=1e-12, atol=1e-12)


def test_dense_is_a_at_x_ravel(rng):
    A = rng.standard_normal((7, 12))
    op = snnsense.DenseOperator(A, 3, 4)
    X = rng.standard_normal((3, 4))
    np.testing.assert_allclose(op.apply(X), A @ X.ravel(), rtol=1e-12)
    r = rng.standard_normal(7)
    np.testing.assert_allclose(op.adjoint(r), (A.T @ r).reshape(3, 4), rtol=1e-12)
    np.testing.assert_array_equal(op.matrix, A)
    assert (op.kind, op.measurements, op.shape, len(op)) == ("dense", 7, (3, 4), 7)


def test_completion_reads_entries(rng):
    rows, cols = np.array([0, 2, 1, 2]), np.array([3, 0, 1, 0])
    op = snnsense.CompletionOperator(rows, cols, 3, 4)
    X = rng.standard_normal((3, 4))
    np.testing.assert_array_equal(op.apply(X), X[rows, cols])
    check_against_dense(op, rng)
    # A repeated entry accumulates its residuals.
    assert op.adjoint(np.array([1.0, 2.0, 3.0, 4.0]))[2, 0] == 6.0


def test_rank_one_and_spectral(rng):
    left, right = rng.standard_normal((5, 3)), rng.standard_normal((5, 4))
    op = snnsense.RankOneOperator(left, right)
    X = rng.standard_normal((3, 4))
    np.testing.assert_allclose(op.apply(X), np.einsum("mi,ij,mj->m", left, X, right), rtol=1e-12)
    check_against_dense(op, rng)

    phi, _ = np.linalg.qr(rng.standard_normal((4, 3)))
    psi, _ = np.linalg.qr(rng.standard_normal((5, 3)))
    coefficients = rng.standard_normal((6, 3))
    op = snnsense.SpectralOperator(phi, psi, coefficients)
    A = np.stack([phi @ np.diag(a) @ psi.T for a in coefficients])
    X = rng.standard_normal((4, 5))
    np.testing.assert_allclose(op.apply(X), A.reshape(6, -1) @ X.ravel(), rtol=1e-10, atol=1e-12)
    check_against_dense(op, rng)


@pytest.mark.parametrize("design", ["gaussian", "spectral", "completion", "rank-one"])
def test_generated_operators(design, rng):
    problem = snnsense.Problem.synthetic(n=5, rank=2, operator=design, measurements=8, seed=2)
    check_against_dense(problem.train_operator, rng)
    assert problem.operator_kind == {"gaussian": "dense"}.get(design, design)


def test_subset_and_slice(rng):
    A = rng.standard_normal((6, 4))
    op = snnsense.DenseOperator(A, 2, 2)
    np.testing.assert_array_equal(op.subset([4, 1]).dense(), A[[4, 1]])
    np.testing.assert_array_equal(op.slice(2, 5).dense(), A[2:5])
    assert isinstance(op.slice(0, 1), snnsense.DenseOperator)


def test_bad_arguments_raise_value_error(rng):
    op = snnsense.DenseOperator(rng.standard_normal((4, 6)), 2, 3)
    with pytest.raises(ValueError, match="operator applied to a 3 x 2 matrix, expected 2 x 3"):
        op.apply(np.zeros((3, 2)))
    with pytest.raises(ValueError, match="operator adjoint given 3 residuals, expected 4"):
        op.adjoint(np.zeros(3))
    with pytest.raises(ValueError, match=r"measurement index 9 outside \[0, 4\)"):
        op.subset([9])
    with pytest.raises(ValueError, match="dense operator has 6 columns, expected n1\\*n2 = 4"):
        snnsense.DenseOperator(np.zeros((2, 6)), 2, 2)
    with pytest.raises(ValueError, match="rows: expected integer indices, got dtype float64"):
        snnsense.CompletionOperator([0.5], [1], 2, 2)
    with pytest.raises(ValueError, match="completion row index 5"):
        snnsense.CompletionOperator([5], [1], 2, 2)
