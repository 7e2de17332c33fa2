"""train(): loss goes down, traces are numpy, callbacks and Ctrl-C stop it cleanly."""

import os
import signal
import threading

import numpy as np
import pytest

import snnsense


def test_short_run_lowers_the_loss(small_problem):
    result = snnsense.train(snnsense.SNN(layers=[2, 2]), small_problem, lr=0.02, iters=200, seed=0)
    assert result.status == "max_iterations" and result.finished and result.iterations == 200
    assert result.final_loss < 0.1 * result.initial_loss
    assert result.X.shape == (6, 6)
    np.testing.assert_allclose(result.model.value(result.params), result.X, rtol=1e-12)
    assert isinstance(result.model, snnsense.SNN) and result.model.shape == (6, 6)
    assert result.final["train_loss"] == pytest.approx(result.final_loss)
    trace = result.trace
    np.testing.assert_array_equal(trace["iteration"], np.arange(0, 201, 2))
    assert trace["train_loss"][-1] < trace["train_loss"][0]
    assert trace["singular_values"].shape == (101, 6)
    assert np.isnan(trace["psnr"]).all() and not np.isnan(trace["relative_error"]).any()


def test_step_size_search(small_problem):
    result = snnsense.train(snnsense.LG(), small_problem, lr="search", iters=50, lr_grid=[1.0, 0.01, 0.005])
    candidates = result.search["candidates"]
    assert [c["status"] for c in candidates][0] == "diverged"
    assert result.lr == result.search["best_lr"] == 0.01
    assert result.status == "max_iterations"


def test_callback_stops_a_search(small_problem):
    stop = lambda state: state["iteration"] == 5  # noqa: E731
    result = snnsense.train(snnsense.LG(), small_problem, lr="search", iters=50, lr_grid=[0.01, 0.005],
                            callback=stop, every=1)
    assert result.status == "interrupted" and result.iterations == 5
    assert len(result.search["candidates"]) == 1 and result.lr == 0.01


def test_callback_sees_numpy_state_and_can_stop(small_problem):
    seen = []

    def callback(state):
        seen.append((state["iteration"], state["loss"], state["X"].shape))
        return state["iteration"] >= 6

    result = snnsense.train(snnsense.BM(), small_problem, lr=0.01, iters=1000, callback=callback, every=3)
    assert result.status == "interrupted" and not result.finished
    assert result.iterations == 6
    assert [s[0] for s in seen] == [0, 3, 6] and seen[0][2] == (6, 6)
    assert result.X is not None


def test_callback_exception_propagates(small_problem):
    def callback(state):
        raise RuntimeError("stop here")

    with pytest.raises(RuntimeError, match="stop here"):
        snnsense.train(snnsense.LG(), small_problem, iters=10, callback=callback, every=1)


@pytest.mark.skipif(threading.current_thread() is not threading.main_thread(), reason="signals reach the main thread")
def test_ctrl_c_stops_with_status_interrupted():
    problem = snnsense.Problem.synthetic(n=20, rank=3, seed=0)
    # A shell may start the tests with SIGINT ignored (background jobs); Ctrl-C must be live here.
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    timer = threading.Timer(0.3, os.kill, (os.getpid(), signal.SIGINT))
    timer.start()
    try:
        # Several seconds of work, so that the signal lands mid-run.
        result = snnsense.train(snnsense.SNN(layers=[4, 8, 16]), problem, lr=1e-4, iters=3000)
    finally:
        timer.cancel()
        signal.signal(signal.SIGINT, previous)
    assert result.status == "interrupted"
    assert 0 < result.iterations < 3000
    assert result.X is not None


def test_trace_frame(small_problem):
    pandas = pytest.importorskip("pandas")
    frame = snnsense.train(snnsense.LG(), small_problem, iters=20, trace_every=5).trace_frame()
    assert isinstance(frame, pandas.DataFrame) and list(frame.index) == [0, 5, 10, 15, 20]


def test_bad_training_arguments_raise_value_error(small_problem):
    model = snnsense.LG()
    with pytest.raises(ValueError, match="--lr: expected a positive number or 'search', got 'fast'"):
        snnsense.train(model, small_problem, lr="fast")
    with pytest.raises(ValueError, match="--lr: must be a positive number"):
        snnsense.train(model, small_problem, lr=-1)
    with pytest.raises(ValueError, match="--iters: must be a positive integer, got 0"):
        snnsense.train(model, small_problem, iters=0)
    with pytest.raises(ValueError, match="--schedule: unknown schedule 'linear'"):
        snnsense.train(model, small_problem, schedule="linear")
    with pytest.raises(ValueError, match="model shape does not match the problem's 6 x 6"):
        snnsense.train(snnsense.LG(shape=(3, 3)), small_problem)
    with pytest.raises(ValueError, match="initial parameters: expected 36 values, got 2"):
        snnsense.train(model, small_problem, params=np.zeros(2))
    with pytest.raises(ValueError, match="callback: expected a function"):
        snnsense.train(model, small_problem, callback=3)


def test_max_memory_refuses_a_run_before_it_allocates(small_problem):
    with pytest.raises(ValueError, match="needs about .* more than the --max-memory limit of 1e-06 GB"):
        snnsense.train(snnsense.SNN(layers=[2, 2]), small_problem, iters=5, max_memory=1e-6)
    assert snnsense.train(snnsense.SNN(layers=[2, 2]), small_problem, iters=5).iterations == 5


def test_training_releases_the_gil():
    problem = snnsense.Problem.synthetic(n=20, rank=3, seed=0)
    worker = threading.Thread(target=snnsense.train, args=(snnsense.SNN(layers=[4, 8, 16]), problem),
                              kwargs={"lr": 1e-4, "iters": 200})
    worker.start()
    # Holding the GIL, the trainer would leave this loop no chance to run until it is done.
    spins = 0
    while worker.is_alive():
        spins += 1
    worker.join()
    assert spins > 1000


def test_threads_do_not_change_the_result(small_problem):
    model = snnsense.SNN(layers=[2, 2])
    one = snnsense.train(model, small_problem, lr=0.02, iters=40, threads=1)
    two = snnsense.train(model, small_problem, lr=0.02, iters=40, threads=2)
    np.testing.assert_array_equal(one.X, two.X)
    np.testing.assert_array_equal(one.params, two.params)


def test_svd_method_is_an_option(small_problem):
    model = snnsense.SNN(layers=[2, 2])
    warm = snnsense.train(model, small_problem, lr=0.02, iters=40)
    lapack = snnsense.train(model, small_problem, lr=0.02, iters=40, svd="lapack")
    assert lapack.status == "max_iterations"
    np.testing.assert_allclose(lapack.X, warm.X, rtol=1e-8, atol=1e-12)
    with pytest.raises(ValueError, match=r"--svd: unknown method 'fast' \(expected warm or lapack\)"):
        snnsense.train(model, small_problem, svd="fast")


def test_unknown_training_option_is_refused(small_problem):
    with pytest.raises(TypeError):
        snnsense.train(snnsense.LG(), small_problem, iterations=5)


def test_every_command_line_training_option_is_a_documented_keyword(small_problem):
    keywords = ["lr", "iters", "seed", "params", "schedule", "decay_every", "decay_factor", "momentum",
                "momentum_coefficient", "batch_size", "loss_tolerance", "gradient_tolerance", "divergence_factor",
                "lr_grid", "search_successes", "search_probe", "trace_every", "threads", "svd"]
    doc = snnsense.train.__doc__
    for keyword in keywords:
        assert f"{keyword}:" in doc or f", {keyword}" in doc or f"{keyword}," in doc, keyword
    # Defaults as the command line's: 2501 steps, lr 0.01, one thread, the warm SVD.
    assert "iters: int = 2501" in doc and "lr: object = 0.01" in doc
    assert "threads: int = 1" in doc and "svd: str = 'warm'" in doc
    result = snnsense.train(snnsense.LG(), small_problem, iters=30, momentum="nesterov", batch_size=9,
                            schedule="cosine", loss_tolerance=1e-30, search_probe=3)
    assert result.iterations == 30
