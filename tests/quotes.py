"""Numbers that the lessons' prose quotes from their own runs, held to the runs.

A sentence such as "x₂ ends at 1.2e-3" is a claim about what the notebook
computes. Each Quote names the words as they stand in the notebook's markdown
(the number among them, written as the reader sees it), the number itself,
an expression evaluated in the executed notebook's namespace, and the
absolute tolerance the two must agree within. Then a change of seed or of
library cannot silently make a sentence false.

`conftest.execute_notebook` checks the quotes of every notebook it executes,
so each test that runs a notebook holds its prose too; `tests/test_quotes.py`
checks, without running anything, that the words still stand in the markdown.

Keys are paths under notebooks/ ("adam.ipynb", "solutions/adam.ipynb",
"zh/adam.ipynb", "zh/solutions/adam.ipynb").
"""
from typing import NamedTuple


class Quote(NamedTuple):
    words: str    # as in the markdown, the number included
    number: str   # the number as written inside `words`
    expr: str     # evaluated in the executed notebook
    tol: float    # |float(number) - value| <= tol


QUOTES = {
    "optimization-intro.ipynb": [],
    "convexity.ipynb": [],
    "linear-regression.ipynb": [],
    "gd-sgd.ipynb": [],
    "minibatch-sgd.ipynb": [],
    "momentum-scratch.ipynb": [],
    "momentum-gluon.ipynb": [],
    "adagrad.ipynb": [],
    "rmsprop.ipynb": [],
    "adadelta.ipynb": [],
    "adam.ipynb": [],
    "lr-scheduler.ipynb": [],
    "module-lr-scheduler.ipynb": [],
    "optimizer-comparison.ipynb": [],
    "mnist-momentum.ipynb": [],
    "distributed.ipynb": [],

    "solutions/optimization-intro.ipynb": [],
    "solutions/convexity.ipynb": [],
    "solutions/linear-regression.ipynb": [],
    "solutions/gd-sgd.ipynb": [],
    "solutions/minibatch-sgd.ipynb": [],
    "solutions/momentum-scratch.ipynb": [],
    "solutions/momentum-gluon.ipynb": [],
    "solutions/adagrad.ipynb": [],
    "solutions/rmsprop.ipynb": [],
    "solutions/adadelta.ipynb": [],
    "solutions/adam.ipynb": [],
    "solutions/lr-scheduler.ipynb": [],
    "solutions/module-lr-scheduler.ipynb": [],
    "solutions/optimizer-comparison.ipynb": [],
    "solutions/mnist-momentum.ipynb": [],
    "solutions/distributed.ipynb": [],
}


def quote_value(number):
    """The float a quoted number stands for ("1.2e-3", "0.2436", "−7", "161")."""
    return float(number.replace("−", "-").replace(",", "").replace("×10^", "e"))


def check(name, values):
    """Compare notebook NAME's quotes with `values`, expression -> value."""
    for quote in QUOTES.get(name, []):
        value = values[quote.expr]
        assert abs(quote_value(quote.number) - float(value)) <= quote.tol, (
            f"{name}: the prose says {quote.words!r}, the run gives "
            f"{quote.expr} = {value!r} (tolerance {quote.tol})")
