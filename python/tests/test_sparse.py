"""Completion problems from and to scipy.sparse: the observed entries (explicit zeros included)
survive from_sparse -> to_sparse, the split is seeded, and training runs on the result."""

import numpy as np
import pytest

import snnsense

sparse = pytest.importorskip("scipy.sparse")


def entries(matrix):
    coo = sparse.coo_matrix(matrix)
    return sorted(zip(coo.row.tolist(), coo.col.tolist(), coo.data.tolist()))


@pytest.fixture
def observed(rng):
    X = rng.standard_normal((12, 2)) @ rng.standard_normal((2, 9))
    mask = rng.random((12, 9)) < 0.5
    values = np.where(mask, X, 0.0)
    matrix = sparse.coo_matrix(values)
    # An observed zero must stay an observation: store one explicitly.
    row, col = np.argwhere(~mask)[0]
    matrix = sparse.coo_matrix(
        (np.append(matrix.data, 0.0), (np.append(matrix.row, row), np.append(matrix.col, col))), shape=(12, 9)
    )
    return matrix


@pytest.mark.parametrize("form", ["coo", "csr", "csc"])
def test_round_trip_keeps_every_entry(observed, form):
    problem = snnsense.Problem.from_sparse(observed.asformat(form), test_fraction=0.2, seed=3)
    assert problem.shape == (12, 9) and problem.operator_kind == "completion" and problem.x_true is None
    count = observed.nnz
    assert problem.test_count == round(0.2 * count) and problem.train_count + problem.test_count == count
    train, test = problem.to_sparse(), problem.to_sparse("test")
    assert isinstance(train, sparse.coo_matrix) and train.shape == (12, 9) and test.shape == (12, 9)
    assert train.nnz + test.nnz == count  # the explicit zero is kept, not dropped
    assert sorted(entries(train) + entries(test)) == entries(observed)
    assert not set((r, c) for r, c, _ in entries(train)) & set((r, c) for r, c, _ in entries(test))


def test_split_is_seeded_and_arrays_work(observed):
    a = snnsense.Problem.from_sparse(observed, seed=1)
    b = snnsense.Problem.from_sparse((observed.row, observed.col, observed.data), seed=1, shape=(12, 9))
    c = snnsense.Problem.from_sparse(observed, seed=2)
    assert entries(a.to_sparse("test")) == entries(b.to_sparse("test"))
    assert entries(a.to_sparse("test")) != entries(c.to_sparse("test"))
    assert snnsense.Problem.from_sparse(observed, test_fraction=0).test_count == 0
    # Without shape=, arrays span the largest index + 1.
    assert snnsense.Problem.from_sparse(([0, 4], [1, 2], [1.0, 2.0]), test_fraction=0).shape == (5, 3)


def test_bad_input_is_refused(observed):
    with pytest.raises(snnsense.InputError, match=r"entry \(0, 1\) is given twice"):
        snnsense.Problem.from_sparse(([0, 0], [1, 1], [1.0, 2.0]))
    with pytest.raises(snnsense.InputError, match="test_fraction must lie in"):
        snnsense.Problem.from_sparse(observed, test_fraction=1.0)
    with pytest.raises(snnsense.InputError, match="every value must be finite"):
        snnsense.Problem.from_sparse(([0], [0], [np.nan]))
    with pytest.raises(snnsense.InputError, match="shape=3 x 3 but the matrix is 12 x 9"):
        snnsense.Problem.from_sparse(observed, shape=(3, 3))
    with pytest.raises(snnsense.InputError, match="only completion"):
        snnsense.Problem.synthetic(n=4, rank=1).to_sparse()


def test_saved_problem_loads_and_trains(observed, tmp_path):
    problem = snnsense.Problem.from_sparse(observed, test_fraction=0.1, seed=0)
    problem.save(tmp_path / "p")
    loaded = snnsense.Problem.load(tmp_path / "p")
    assert entries(loaded.to_sparse()) == entries(problem.to_sparse())
    assert entries(loaded.to_sparse("test")) == entries(problem.to_sparse("test"))
    assert loaded.row_ids is None
    result = snnsense.train(snnsense.SNN(layers=[2, 4]), loaded, lr=1.0, iters=5)
    assert result.iterations == 5 and np.isfinite(result.final_loss)


def test_imported_ids_are_exposed(tmp_path):
    import os
    import subprocess

    (tmp_path / "r.csv").write_text("user,item,rating\n30,7,1\n10,-2,2\n30,100,3\n")
    subprocess.run(
        [os.environ["SNNSENSE_CLI"], "import", str(tmp_path / "r.csv"), "--out", str(tmp_path / "p"), "--test-fraction", "0"],
        check=True,
        capture_output=True,
    )
    problem = snnsense.Problem.load(tmp_path / "p")
    np.testing.assert_array_equal(problem.row_ids, [10, 30])
    np.testing.assert_array_equal(problem.col_ids, [-2, 7, 100])
    assert entries(problem.to_sparse()) == [(0, 0, 2.0), (1, 1, 1.0), (1, 2, 3.0)]
