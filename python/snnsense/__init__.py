"""Matrix sensing with spectral neural networks.

The C++ core of snnsense, with numpy arrays in and out:

    import snnsense
    problem = snnsense.Problem.image("fashion-mnist:0", measurements=470, seed=0)
    result = snnsense.train(snnsense.SNN(layers=[4, 8, 16]), problem, lr="search", iters=2501)
    result.final["relative_error"], result.X, result.trace_frame()

Errors are snnsense.InputError (a ValueError) for bad arguments and snnsense.FileError (an OSError)
for files, with the messages the command-line tool prints.
"""

from ._snnsense import (
    BM,
    DF,
    LG,
    SNN,
    WOA,
    CompletionOperator,
    DenseOperator,
    FileError,
    InputError,
    MeasurementOperator,
    Model,
    NumericalError,
    Problem,
    RankOneOperator,
    SoftImputeResult,
    SolveResult,
    SpectralOperator,
    TrainResult,
    __version__,
    effective_rank,
    evaluate,
    kkt_residual,
    nuclear_norm,
    off_diagonal_mass,
    psnr,
    relative_error,
    sensing_loss,
    soft_impute,
    solve_nuclear,
    spectrum,
    train,
)
from ._frames import trace_frame

# A method rather than a free function, where users look for it; pandas stays an optional import.
TrainResult.trace_frame = trace_frame

__all__ = [name for name in dir() if not name.startswith("_")]
