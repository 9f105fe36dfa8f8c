"""The chapter's 1-D and 2-D traces: deterministic, so the printed numbers
must be the book's to the last digit."""
import contextlib
import functools
import io

from .. import gradient_descent
from .. import traces
from .registry import Result, Row, experiment


def printed(fn, *args):
    """(what fn printed, stripped; its result)."""
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        result = fn(*args)
    return buffer.getvalue().strip(), result


def titled(figure, title):
    """`figure` with `title` over its (only) axes: a PNG names its run."""
    figure.axes[0].set_title(title, fontsize="medium")
    return figure


# label -> (stepper, the line the book printed; None where it printed none)
TRACES_2D = {
    "gd η=0.4": (traces.gd_2d, "epoch 20, x1 -0.943467, x2 -0.000073"),
    "gd η=0.6": (functools.partial(traces.gd_2d, eta=0.6),
                 "epoch 20, x1 -0.387814, x2 -1673.365109"),
    "momentum η=0.4 γ=0.5": (traces.momentum_2d,
                             "epoch 20, x1 -0.062843, x2 0.001202"),
    "momentum η=0.6 γ=0.5": (functools.partial(traces.momentum_2d, eta=0.6),
                             "epoch 20, x1 0.007188, x2 0.002553"),
    "adagrad η=0.4": (traces.adagrad_2d, "epoch 20, x1 -2.382563, x2 -0.158591"),
    "adagrad η=2": (functools.partial(traces.adagrad_2d, eta=2),
                    "epoch 20, x1 -0.002295, x2 -0.000000"),
    "rmsprop η=0.4 γ=0.9": (traces.rmsprop_2d,
                            "epoch 20, x1 -0.010599, x2 0.000000"),
    "adadelta ρ=0.9": (traces.adadelta_2d, None),
    "adam η=0.4": (traces.adam_2d, None),
}


@experiment("gd-1d", "Gradient descent on x² from x = 10 (η = 0.2, 0.05, 1.1)")
def gd_1d(quick):
    books = {0.2: "epoch 10, x: 0.06046617599999997",
             0.05: "epoch 10, x: 3.4867844009999995",
             1.1: "epoch 10, x: 61.917364224000096"}
    figures, rows = {}, []
    for eta, book in books.items():
        line, results = printed(gradient_descent.gd, eta)
        figures[f"gd-1d-eta{eta:g}"] = titled(
            gradient_descent.show_trace(results),
            f"gradient descent on x², η = {eta:g}")
        rows.append(Row(f"η={eta:g}: printed", line, book))
    return Result(figures=figures, rows=rows)


@experiment("gd-2d", "Gradient descent and SGD on x1² + 2·x2² (η = 0.1)")
def gd_and_sgd_2d(quick):
    objective = gradient_descent.well_conditioned_2d
    line, results = printed(traces.train_2d,
                            gradient_descent.gd_well_conditioned_2d)
    figures = {"gd-2d": titled(traces.show_trace_2d(objective, results),
                               "gradient descent, η = 0.1")}
    rows = [Row("gd: printed", line, "epoch 20, x1 -0.057646, x2 -0.000073")]
    line, results = printed(traces.train_2d, gradient_descent.sgd_2d)
    figures["sgd-2d"] = titled(traces.show_trace_2d(objective, results),
                               "SGD (noisy gradient), η = 0.1")
    rows.append(Row("sgd (noisy, seeded): printed", line))
    return Result(figures=figures, rows=rows)


@experiment("traces-2d",
            "Each optimizer's path on 0.1·x1² + 2·x2² from (−5, −2), 20 steps")
def traces_2d(quick):
    figures, rows = {}, []
    for label, (step, book) in TRACES_2D.items():
        line, results = printed(traces.train_2d, step)
        stem = "trace-" + (label.replace("η=", "eta").replace("γ=", "gamma")
                           .replace("ρ=", "rho").replace(" ", "-"))
        figures[stem] = titled(
            traces.show_trace_2d(traces.ill_conditioned_2d, results), label)
        rows.append(Row(f"{label}: printed", line, book))
    return Result(figures=figures, rows=rows)
