"""Shared fixtures: small seeded problems, so every test runs in well under a second."""

import numpy as np
import pytest

import snnsense


@pytest.fixture
def rng():
    return np.random.default_rng(12345)


@pytest.fixture
def small_problem():
    """A 6 x 6 rank-2 PSD matrix under 27 Gaussian measurements (and as many held out)."""
    return snnsense.Problem.synthetic(n=6, rank=2, measurements=27, seed=1)
