"""Momentum on the synthetic linear regression, as the 2018 chapter runs it.

lr 0.2, batch 10, 3 epochs, decay after epoch 2, the loss logged every 10
examples, for momentum 0.99, 0.9 and 0.5: once through gluon.Trainer and
`optimize`, once with the scratch `sgd_momentum` update.
"""
import warnings

import numpy as np

from .. import plotting
from ..training import (TRUE_B, TRUE_W, gluon_momentum_run,
                        scratch_momentum_run)
from .registry import Result, Row, experiment

MOMENTA = (0.99, 0.9, 0.5)
# What the book printed after `optimize` with gluon.Trainer('sgd').
BOOK_GLUON = {0.99: ([-3.99, -9.45], 15.67),
              0.9: ([2.0008, -3.4015], 4.2001),
              0.5: ([1.9995, -3.4003], 4.2001)}
# Converged runs end this close to the truth; the book's 0.99 run is far off.
TOLERANCE = 0.05


def distance_to_truth(history):
    """max |learned - true| over w1, w2 and b."""
    learned = np.append(np.ravel(history.params["w"]), history.params["b"])
    return float(np.abs(learned - np.array([*TRUE_W, TRUE_B])).max())


def _rows(histories, book=None, quick=False):
    """Learned parameters (beside the book's, where given) and whether each
    run converged as in the book; a quick run is compared with nothing."""
    rows = []
    for momentum, history in histories.items():
        w = np.ravel(history.params["w"])
        b = float(np.ravel(history.params["b"])[0])
        book_w, book_b = book[momentum] if book else ([None, None], None)
        converged = momentum != 0.99
        tol = TOLERANCE if converged and book else None
        rows += [Row(f"momentum {momentum}: w1", float(w[0]), book_w[0], tol),
                 Row(f"momentum {momentum}: w2", float(w[1]), book_w[1], tol),
                 Row(f"momentum {momentum}: b", b, book_b, tol),
                 Row(f"momentum {momentum}: within {TOLERANCE} of the truth",
                     "yes" if distance_to_truth(history) <= TOLERANCE else "no"),
                 Row(f"momentum {momentum}: reported as diverged",
                     "yes" if history.diverged else "no")]
    rows.append(Row("losses logged per run", len(history.losses)))
    return rows


def _figure(histories, title):
    return plotting.loss_curves(
        {f"momentum {m}": h for m, h in histories.items()}, title=title)


@experiment("momentum-gluon",
            "Momentum through gluon.Trainer and optimize (0.99, 0.9, 0.5)")
def momentum_gluon(quick):
    epochs = 1 if quick else 3
    with warnings.catch_warnings():  # 0.99 diverges; the summary says so
        warnings.simplefilter("ignore", RuntimeWarning)
        histories = {m: gluon_momentum_run(m, num_epochs=epochs, plot=False,
                                           verbose=False) for m in MOMENTA}
    return Result(
        figures={"momentum-gluon": _figure(histories, "gluon.Trainer sgd")},
        rows=_rows(histories, None if quick else BOOK_GLUON, quick))


@experiment("momentum-scratch",
            "Momentum from scratch: sgd_momentum on w and b (0.99, 0.9, 0.5)")
def momentum_scratch(quick):
    epochs = 1 if quick else 3
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        histories = {m: scratch_momentum_run(m, num_epochs=epochs, plot=False,
                                             verbose=False) for m in MOMENTA}
    return Result(
        figures={"momentum-scratch": _figure(histories, "scratch sgd_momentum")},
        rows=_rows(histories, quick=quick))
