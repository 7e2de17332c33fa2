# Type stubs of the compiled module (python/bind_*.cpp). tests/test_stubs.py checks that every
# public name and every parameter name here matches the module as built.
from os import PathLike
from typing import Any, Callable, Optional, Sequence, Union

import numpy as np
import numpy.typing as npt

__version__: str

Array = npt.NDArray[np.float64]
ArrayLike = npt.ArrayLike
Path = Union[str, PathLike[str]]

class InputError(ValueError): ...
class FileError(OSError): ...
class NumericalError(ArithmeticError): ...

# Measurement operators

class MeasurementOperator:
    """y_i = <A_i, X> for i = 1..m; the adjoint is A*(r) = sum_i r_i A_i."""
    @property
    def kind(self) -> str: ...
    @property
    def measurements(self) -> int: ...
    @property
    def rows(self) -> int: ...
    @property
    def cols(self) -> int: ...
    @property
    def shape(self) -> tuple[int, int]: ...
    def __len__(self) -> int: ...
    def apply(self, X: ArrayLike) -> Array: ...
    def adjoint(self, r: ArrayLike) -> Array: ...
    def subset(self, indices: ArrayLike) -> MeasurementOperator: ...
    def slice(self, begin: int, end: int) -> MeasurementOperator: ...
    def dense(self) -> Array: ...

class DenseOperator(MeasurementOperator):
    def __init__(self, A: ArrayLike, n1: int, n2: int) -> None: ...
    @property
    def matrix(self) -> Array: ...

class CompletionOperator(MeasurementOperator):
    def __init__(self, rows: ArrayLike, cols: ArrayLike, n1: int, n2: int) -> None: ...
    @property
    def row_indices(self) -> npt.NDArray[np.int64]: ...
    @property
    def col_indices(self) -> npt.NDArray[np.int64]: ...

class RankOneOperator(MeasurementOperator):
    def __init__(self, left: ArrayLike, right: ArrayLike) -> None: ...
    @property
    def left(self) -> Array: ...
    @property
    def right(self) -> Array: ...

class SpectralOperator(MeasurementOperator):
    def __init__(self, phi: ArrayLike, psi: ArrayLike, coefficients: ArrayLike) -> None: ...
    @property
    def phi(self) -> Array: ...
    @property
    def psi(self) -> Array: ...
    @property
    def coefficients(self) -> Array: ...

# Problems

class Problem:
    """A matrix-sensing problem: training and test measurements of an n1 x n2 matrix."""
    @staticmethod
    def generate(
        *,
        problem: str = "synthetic",
        operator: str = "gaussian",
        n: int = 10,
        n2: int = 0,
        rank: int = 6,
        measurements: int = 0,
        fraction: float = 0.0,
        test: int = -1,
        noise: float = 0.01,
        noise_abs: Optional[float] = None,
        scale: float = 0.0,
        seed: int = 0,
        image: str = "",
        resize: int = 0,
        max_memory: float = 2.0,
        popularity: str = "uniform",
        popularity_exponent: float = 1.0,
    ) -> Problem: ...
    @staticmethod
    def synthetic(
        *,
        n: int = 10,
        rank: int = 6,
        operator: str = "gaussian",
        measurements: int = 0,
        fraction: float = 0.0,
        test: int = -1,
        noise: float = 0.01,
        noise_abs: Optional[float] = None,
        scale: float = 0.0,
        seed: int = 0,
        max_memory: float = 2.0,
    ) -> Problem: ...
    @staticmethod
    def rectangular(
        *,
        n1: int,
        n2: int,
        rank: int,
        operator: str = "gaussian",
        measurements: int = 0,
        fraction: float = 0.0,
        test: int = -1,
        noise: float = 0.01,
        noise_abs: Optional[float] = None,
        scale: float = 0.0,
        seed: int = 0,
        max_memory: float = 2.0,
        popularity: str = "uniform",
        popularity_exponent: float = 1.0,
    ) -> Problem: ...
    @staticmethod
    def image(
        image: str = "fashion-mnist:0",
        *,
        operator: str = "gaussian",
        measurements: int = 0,
        fraction: float = 0.0,
        test: int = -1,
        noise: float = 0.01,
        noise_abs: Optional[float] = None,
        scale: float = 0.0,
        seed: int = 0,
        resize: int = 0,
        max_memory: float = 2.0,
    ) -> Problem: ...
    @staticmethod
    def load(dir: Path) -> Problem: ...
    @staticmethod
    def from_arrays(
        y: Optional[ArrayLike] = None,
        *,
        A: Optional[ArrayLike] = None,
        rows: Optional[ArrayLike] = None,
        cols: Optional[ArrayLike] = None,
        left: Optional[ArrayLike] = None,
        right: Optional[ArrayLike] = None,
        phi: Optional[ArrayLike] = None,
        psi: Optional[ArrayLike] = None,
        coefficients: Optional[ArrayLike] = None,
        shape: Optional[tuple[int, int]] = None,
        x_true: Optional[ArrayLike] = None,
        test: int = 0,
        noise: float = 0.0,
        pixel_scale: float = 0.0,
    ) -> Problem: ...
    @staticmethod
    def from_sparse(
        matrix: Any, *, test_fraction: float = 0.1, seed: int = 0, shape: Optional[tuple[int, int]] = None
    ) -> Problem: ...
    def to_sparse(self, part: str = "train") -> Any: ...
    def save(self, dir: Path, *, force: bool = False) -> None: ...
    @property
    def n1(self) -> int: ...
    @property
    def n2(self) -> int: ...
    @property
    def shape(self) -> tuple[int, int]: ...
    @property
    def operator_kind(self) -> str: ...
    @property
    def train_operator(self) -> MeasurementOperator: ...
    @property
    def test_operator(self) -> MeasurementOperator: ...
    @property
    def train_y(self) -> Array: ...
    @property
    def test_y(self) -> Array: ...
    @property
    def y(self) -> Array: ...
    @property
    def train_count(self) -> int: ...
    @property
    def test_count(self) -> int: ...
    @property
    def x_true(self) -> Optional[Array]: ...
    @property
    def x_true_left(self) -> Optional[Array]: ...
    @property
    def x_true_right(self) -> Optional[Array]: ...
    @property
    def basis(self) -> Optional[tuple[Array, Array]]: ...
    @property
    def is_image(self) -> bool: ...
    @property
    def pixel_scale(self) -> float: ...
    @property
    def noise(self) -> float: ...
    @property
    def snr_db(self) -> Optional[float]: ...
    @property
    def provenance(self) -> dict[str, Any]: ...
    @property
    def row_ids(self) -> Optional[Array]: ...
    @property
    def col_ids(self) -> Optional[Array]: ...

# Models

class Model:
    """A parametrisation X = model(params) with flat float64 parameters."""
    @property
    def name(self) -> str: ...
    @property
    def shape(self) -> Optional[tuple[int, int]]: ...
    @property
    def parameter_count(self) -> int: ...
    def initial_parameters(self, seed: int = 0) -> Array: ...
    def value(self, params: ArrayLike) -> Array: ...
    def gradient(self, params: ArrayLike, G: ArrayLike) -> Array: ...

class SNN(Model):
    def __init__(
        self,
        *,
        layers: Sequence[int] = [2, 2, 2, 2],
        activation: str = "tanh",
        activation_scale: float = 1.0,
        init: str = "identity",
        init_eps: float = 1e-4,
        init_scale: float = 1.0,
        rank: int = 0,
        representation: str = "auto",
        shape: Optional[tuple[int, int]] = None,
        problem: Optional[Problem] = None,
    ) -> None: ...

class WOA(Model):
    def __init__(
        self,
        *,
        layers: Sequence[int] = [2, 2, 2, 2],
        init: str = "identity",
        init_eps: float = 1e-4,
        init_scale: float = 1.0,
        rank: int = 0,
        representation: str = "auto",
        shape: Optional[tuple[int, int]] = None,
        problem: Optional[Problem] = None,
    ) -> None: ...

class LG(Model):
    def __init__(
        self, *, init_scale: float = 0.0, shape: Optional[tuple[int, int]] = None, problem: Optional[Problem] = None
    ) -> None: ...

class BM(Model):
    def __init__(
        self,
        *,
        rank: int = 0,
        psd: bool = False,
        init: str = "gaussian",
        init_scale: float = 1e-3,
        representation: str = "auto",
        shape: Optional[tuple[int, int]] = None,
        problem: Optional[Problem] = None,
    ) -> None: ...

class DF(Model):
    def __init__(
        self,
        *,
        depth: int = 3,
        width: int = 0,
        init: str = "identity",
        init_scale: float = 1e-3,
        shape: Optional[tuple[int, int]] = None,
        problem: Optional[Problem] = None,
    ) -> None: ...

# Diagnostics

def evaluate(problem: Problem, X: ArrayLike) -> dict[str, Any]: ...
def spectrum(X: ArrayLike) -> dict[str, Any]: ...
def nuclear_norm(X: ArrayLike) -> float: ...
def effective_rank(X: ArrayLike) -> float: ...
def sensing_loss(operator: MeasurementOperator, y: ArrayLike, X: ArrayLike) -> float: ...
def relative_error(X: ArrayLike, x_true: ArrayLike) -> float: ...
def psnr(X: ArrayLike, x_true: ArrayLike, pixel_scale: float) -> float: ...
def off_diagonal_mass(X: ArrayLike, phi: ArrayLike, psi: ArrayLike) -> float: ...

# Training

class TrainResult:
    """What train() returns; the arrays are numpy copies."""
    @property
    def status(self) -> str: ...
    @property
    def finished(self) -> bool: ...
    @property
    def best_iteration(self) -> Optional[int]: ...
    @property
    def X(self) -> Optional[Array]: ...
    @property
    def params(self) -> Optional[Array]: ...
    @property
    def iterations(self) -> int: ...
    @property
    def lr(self) -> Optional[float]: ...
    @property
    def initial_loss(self) -> Optional[float]: ...
    @property
    def final_loss(self) -> Optional[float]: ...
    @property
    def gradient_norm(self) -> Optional[float]: ...
    @property
    def seconds(self) -> float: ...
    @property
    def seconds_per_iteration(self) -> float: ...
    @property
    def final(self) -> Optional[dict[str, Any]]: ...
    @property
    def trace(self) -> dict[str, Array]: ...
    @property
    def search(self) -> dict[str, Any]: ...
    @property
    def model(self) -> Model: ...
    def trace_frame(self) -> Any:
        """The trace as a pandas DataFrame (needs pandas)."""
        ...

def train(
    model: Model,
    problem: Problem,
    *,
    lr: Union[float, str] = 0.01,
    iters: int = 2501,
    seed: int = 0,
    params: Optional[ArrayLike] = None,
    callback: Optional[Callable[[dict[str, Any]], Optional[bool]]] = None,
    every: int = 0,
    trace_every: int = 0,
    schedule: str = "constant",
    decay_every: int = 1000,
    decay_factor: float = 0.1,
    momentum: str = "none",
    momentum_coefficient: float = 0.9,
    batch_size: int = 0,
    loss_tolerance: float = 0.0,
    gradient_tolerance: float = 0.0,
    divergence_factor: float = 1e6,
    lr_grid: Optional[Sequence[float]] = None,
    search_successes: int = 3,
    search_probe: int = 0,
    threads: int = 1,
    svd: str = "warm",
    early_stopping: int = 0,
    early_stopping_every: int = 10,
    optimizer: str = "gd",
    adam_beta1: float = 0.9,
    adam_beta2: float = 0.999,
    adam_eps: float = 1e-8,
    max_memory: float = 0.0,
) -> TrainResult: ...

# Convex reference

class SolveResult:
    """The result of solve_nuclear."""
    @property
    def X(self) -> Array: ...
    @property
    def method(self) -> str: ...
    @property
    def status(self) -> str: ...
    @property
    def optimal(self) -> bool: ...
    @property
    def iterations(self) -> int: ...
    @property
    def primal_residual(self) -> float: ...
    @property
    def dual_residual(self) -> float: ...
    @property
    def nuclear_norm(self) -> float: ...
    @property
    def objective(self) -> float: ...
    @property
    def dual(self) -> Array: ...
    @property
    def kkt(self) -> dict[str, Any]: ...
    @property
    def seconds(self) -> float: ...
    @property
    def final(self) -> dict[str, Any]: ...
    def summary(self) -> dict[str, Any]: ...

def solve_nuclear(
    problem: Problem,
    *,
    method: str = "auto",
    lambda_: Optional[float] = None,
    tolerance: float = 1e-8,
    max_iterations: int = 50000,
    rank_tolerance: float = ...,
    dense_gram_limit: int = ...,
    max_memory: float = 0.0,
) -> SolveResult: ...
def kkt_residual(
    problem: Problem, X: ArrayLike, *, dual: Optional[ArrayLike] = None, rank_tolerance: float = ...
) -> dict[str, Any]: ...

class SoftImputeResult:
    """The result of soft_impute."""
    @property
    def left(self) -> Array: ...
    @property
    def right(self) -> Array: ...
    @property
    def path(self) -> list[dict[str, Any]]: ...
    @property
    def best_index(self) -> int: ...
    @property
    def best_lambda(self) -> float: ...
    @property
    def lambda_max(self) -> float: ...
    @property
    def converged(self) -> bool: ...
    @property
    def seconds(self) -> float: ...
    @property
    def final(self) -> dict[str, Any]: ...
    def summary(self) -> dict[str, Any]: ...

def soft_impute(
    problem: Problem,
    *,
    lambdas: Sequence[float] = ...,
    path_length: int = 10,
    path_ratio: float = 0.01,
    lambda_max: Optional[float] = None,
    max_rank: int = 100,
    tolerance: float = 1e-05,
    max_iterations: int = 1000,
    seed: int = 0,
) -> SoftImputeResult: ...

# The spectral activation on batches (snnsense.torch builds on these)

class SpectralActivationState:
    """The SVDs of a spectral_activation_forward() batch, kept for spectral_activation_backward()."""
    @property
    def shape(self) -> tuple[int, int, int]: ...
    @property
    def activation(self) -> str: ...
    @property
    def singular_values(self) -> Array: ...

def activation_names() -> list[str]: ...
def spectral_activation_forward(
    Q: ArrayLike, activation: str = "tanh", scale: float = 1.0
) -> tuple[Array, SpectralActivationState]: ...
def spectral_activation_backward(state: SpectralActivationState, G: ArrayLike) -> Array: ...
