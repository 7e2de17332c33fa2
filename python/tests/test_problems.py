"""Problems from numpy arrays survive a save and load unchanged; generators are seeded."""

import os

import numpy as np
import pytest

import snnsense


def assert_same_problem(a, b):
    assert (a.shape, a.operator_kind, a.train_count, a.test_count) == (b.shape, b.operator_kind, b.train_count, b.test_count)
    np.testing.assert_array_equal(a.train_operator.dense(), b.train_operator.dense())
    np.testing.assert_array_equal(a.test_operator.dense(), b.test_operator.dense())
    np.testing.assert_array_equal(a.y, b.y)
    if a.x_true is None:
        assert b.x_true is None
    else:
        np.testing.assert_array_equal(a.x_true, b.x_true)
    assert (a.noise, a.pixel_scale) == (b.noise, b.pixel_scale)


def round_trip(problem, tmp_path):
    tmp_path.mkdir(parents=True, exist_ok=True)
    problem.save(tmp_path / "p")
    loaded = snnsense.Problem.load(str(tmp_path / "p"))
    assert_same_problem(problem, loaded)
    return loaded


def test_dense_from_arrays_round_trip(tmp_path, rng):
    A = rng.standard_normal((10, 3, 4))
    X = rng.standard_normal((3, 4))
    y = A.reshape(10, -1) @ X.ravel()
    problem = snnsense.Problem.from_arrays(y, A=A, x_true=X, test=4, noise=0.5)
    assert (problem.train_count, problem.test_count, problem.shape) == (6, 4, (3, 4))
    np.testing.assert_array_equal(problem.train_y, y[:6])
    np.testing.assert_array_equal(problem.test_y, y[6:])
    loaded = round_trip(problem, tmp_path)
    np.testing.assert_array_equal(loaded.train_operator.dense(), A[:6].reshape(6, -1))
    # The flattened layout with an explicit shape is the same problem.
    flat = snnsense.Problem.from_arrays(y, A=A.reshape(10, -1), shape=(3, 4), x_true=X, test=4, noise=0.5)
    assert_same_problem(problem, flat)


def test_completion_rank_one_and_spectral_round_trip(tmp_path, rng):
    X = rng.standard_normal((4, 5))
    rows, cols = np.array([0, 1, 3, 2, 0]), np.array([4, 0, 2, 2, 1])
    completion = snnsense.Problem.from_arrays(rows=rows, cols=cols, x_true=X, test=1)
    np.testing.assert_array_equal(completion.y, X[rows, cols])
    round_trip(completion, tmp_path / "c")

    left, right = rng.standard_normal((6, 4)), rng.standard_normal((6, 5))
    y = rng.standard_normal(6)
    rank_one = snnsense.Problem.from_arrays(y, left=left, right=right)
    assert rank_one.x_true is None and rank_one.test_count == 0
    round_trip(rank_one, tmp_path / "r")

    phi, _ = np.linalg.qr(rng.standard_normal((4, 4)))
    psi, _ = np.linalg.qr(rng.standard_normal((5, 4)))
    spectral = snnsense.Problem.from_arrays(phi=phi, psi=psi, coefficients=rng.standard_normal((7, 4)), x_true=X, test=2)
    np.testing.assert_array_equal(spectral.basis[0], phi)
    loaded = round_trip(spectral, tmp_path / "s")
    np.testing.assert_allclose(loaded.basis[1], psi)


def test_generated_problems_are_seeded_and_round_trip(tmp_path):
    a = snnsense.Problem.synthetic(n=6, rank=2, operator="rank-one", seed=4)
    b = snnsense.Problem.generate(problem="synthetic", operator="rank-one", n=6, rank=2, seed=4)
    assert_same_problem(a, b)
    assert a.train_count == 27 and a.test_count == 27  # round(0.75 n^2), and as many held out
    assert abs(np.linalg.norm(a.x_true, "nuc") - 1.0) < 1e-12
    assert a.provenance["seed"] == 4
    round_trip(a, tmp_path)
    r = snnsense.Problem.rectangular(n1=4, n2=7, rank=2, operator="completion", seed=1)
    assert r.shape == (4, 7)


@pytest.mark.skipif(not os.path.isdir("/usr/share/datasets/fashion-mnist"), reason="needs dataset-fashion-mnist")
def test_fashion_mnist_image():
    problem = snnsense.Problem.image("fashion-mnist:0", seed=0)
    assert problem.shape == (28, 28) and problem.train_count == 470 and problem.is_image
    pixels = problem.x_true * problem.pixel_scale
    assert 0.0 <= pixels.min() and pixels.max() <= 255.0 + 1e-9


@pytest.mark.skipif(not os.path.isdir("/usr/share/datasets/fashion-mnist"), reason="needs dataset-fashion-mnist")
def test_fashion_mnist_matrix_holds_training_images_as_rows():
    problem = snnsense.Problem.generate(problem="fashion-mnist", operator="completion", n=50, fraction=0.1, test=40,
                                        noise=0.0)
    assert problem.shape == (50, 784) and not problem.is_image
    assert problem.train_count == 3920 and problem.test_count == 40
    assert 0.0 <= problem.x_true.min() and problem.x_true.max() <= 1.0  # pixels / 255
    train = problem.to_sparse()
    np.testing.assert_array_equal(train.data, problem.x_true[train.row, train.col])


def test_power_law_popularity_concentrates_the_entries_on_few_rows():
    def top_rows_share(popularity):
        p = snnsense.Problem.rectangular(n1=400, n2=300, rank=2, operator="completion", measurements=4000, test=0,
                                         popularity=popularity, popularity_exponent=1.0, seed=2)
        counts = np.bincount(p.to_sparse().row, minlength=400)
        return np.sort(counts)[::-1][:40].sum() / counts.sum()  # the 10 % most observed rows
    uniform, skewed = top_rows_share("uniform"), top_rows_share("power-law")
    assert uniform < 0.2 < 0.4 < skewed
    with pytest.raises(ValueError, match="--popularity"):
        snnsense.Problem.rectangular(n1=40, n2=30, rank=2, operator="completion", popularity="zipf")


def test_file_errors_raise_os_error(tmp_path):
    with pytest.raises(OSError, match="no such problem directory"):
        snnsense.Problem.load(tmp_path / "missing")
    (tmp_path / "broken").mkdir()
    (tmp_path / "broken" / "problem.json").write_text("{}")
    with pytest.raises(snnsense.FileError, match="problem.json"):
        snnsense.Problem.load(tmp_path / "broken")
    with pytest.raises(OSError, match="no such directory"):
        snnsense.Problem.synthetic(n=4, rank=1).save(tmp_path / "missing" / "p")


def test_bad_problem_arguments_raise_value_error(tmp_path, rng):
    with pytest.raises(ValueError, match="--rank 20 exceeds min\\(n1, n2\\) = 10"):
        snnsense.Problem.synthetic(rank=20)
    with pytest.raises(ValueError, match="--operator"):
        snnsense.Problem.synthetic(operator="sparse")
    problem = snnsense.Problem.synthetic(n=4, rank=1)
    problem.save(tmp_path / "p")
    with pytest.raises(ValueError, match="already exists"):
        problem.save(tmp_path / "p")
    problem.save(tmp_path / "p", force=True)
    with pytest.raises(ValueError, match="give exactly one operator"):
        snnsense.Problem.from_arrays(np.zeros(2))
    with pytest.raises(ValueError, match="needs shape=\\(n1, n2\\) or x_true"):
        snnsense.Problem.from_arrays(np.zeros(2), A=np.zeros((2, 6)))
    with pytest.raises(ValueError, match="y: expected 2 values"):
        snnsense.Problem.from_arrays(np.zeros(3), A=np.zeros((2, 2, 3)))
    with pytest.raises(ValueError, match="A: every value must be finite"):
        snnsense.Problem.from_arrays(np.zeros(2), A=np.full((2, 2, 3), np.nan))
    with pytest.raises(ValueError, match="x_true gives matrices of 3 x 3 but shape gives 2 x 3"):
        snnsense.Problem.from_arrays(A=np.zeros((2, 6)), shape=(2, 3), x_true=np.zeros((3, 3)))
    with pytest.raises(ValueError, match="test: 2 held-out measurements must leave at least one"):
        snnsense.Problem.from_arrays(np.zeros(2), A=np.zeros((2, 2, 3)), test=2)
    with pytest.raises(ValueError, match=r"rows, cols: entry \(1, 2\) is measured twice, at measurements 0 and 3"):
        snnsense.Problem.from_arrays(rows=[1, 0, 2, 1], cols=[2, 0, 1, 2], x_true=np.ones((3, 3)), test=1)
    with pytest.raises(ValueError, match="phi: the columns must be orthonormal"):
        snnsense.Problem.from_arrays(np.zeros(1), phi=np.ones((2, 2)), psi=np.eye(2), coefficients=np.ones((1, 2)))


def test_noise_is_relative_to_the_signal_unless_given_absolutely():
    # Completion entries of a unit-nuclear-norm 20 x 30 matrix are about 2e-2: the default noise
    # is 1% of their RMS (40 dB), noise_abs is the paper's absolute setting.
    relative = snnsense.Problem.rectangular(n1=20, n2=30, rank=3, operator="completion", fraction=0.2)
    assert relative.noise < 1e-3
    assert relative.snr_db == pytest.approx(40.0)
    absolute = snnsense.Problem.rectangular(n1=20, n2=30, rank=3, operator="completion", fraction=0.2, noise_abs=0.01)
    assert absolute.noise == 0.01
    assert absolute.snr_db < 10.0
    with pytest.raises(snnsense.InputError, match="--max-memory"):
        snnsense.Problem.synthetic(n=40, max_memory=0.01)


def test_a_large_problem_keeps_its_ground_truth_as_factors(tmp_path):
    # 20000 x 30000: a dense X* would take 4.8 GB, so it is kept as X* = L @ R.T.
    p = snnsense.Problem.rectangular(n1=20000, n2=30000, rank=3, operator="completion", measurements=2000, test=500, seed=1)
    assert p.x_true is None and "x_true as factors" in repr(p)
    left, right = p.x_true_left, p.x_true_right
    assert left.shape == (20000, 3) and right.shape == (30000, 3)
    train = p.to_sparse()  # the training entries and their values y
    clean = np.einsum("ij,ij->i", left[train.row], right[train.col])
    np.testing.assert_allclose(train.data, clean, atol=0.05 * np.sqrt(np.mean(clean**2)))
    p.save(tmp_path / "p")
    loaded = snnsense.Problem.load(str(tmp_path / "p"))
    np.testing.assert_array_equal(loaded.x_true_left, left)
    np.testing.assert_array_equal(loaded.x_true_right, right)
    small = snnsense.Problem.rectangular(n1=6, n2=5, rank=2, operator="completion", measurements=10)
    assert small.x_true_left is None and small.x_true_right is None
