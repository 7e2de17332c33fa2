"""pandas views of snnsense results; pandas is imported only when a frame is asked for."""


def trace_frame(result):
    """The trace of a TrainResult as a pandas DataFrame, one row per sample, columns as in trace.csv.

    The singular values (a 2-D array) are left out; they are result.trace["singular_values"].
    """
    try:
        import pandas
    except ImportError as error:
        raise ImportError(
            "trace_frame() needs pandas (apt install python3-pandas); "
            "result.trace holds the same columns as numpy arrays"
        ) from error
    columns = {name: values for name, values in result.trace.items() if values.ndim == 1}
    return pandas.DataFrame(columns).set_index("iteration")
