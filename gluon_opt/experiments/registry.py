"""The registry of the chapter's experiments, which `gluon-opt reproduce` runs.

An experiment is one small function, registered by name:

    @experiment("momentum-gluon", "Momentum with gluon.Trainer (0.99, 0.9, 0.5)")
    def momentum_gluon(quick):
        ...
        return Result(figures={"momentum-gluon-0.9": fig},
                      rows=[Row("m=0.9 w1", 2.0006, book=2.0008, tol=0.05)])

It is seeded by the runner before it starts (gluon_opt.set_seed(0)), draws
its figures headless, and returns a Result. `quick` asks for a shorter run
(fewer epochs) for the command's own test; numbers compared with the book's
come from the full run.
"""
import dataclasses
import math
import typing


@dataclasses.dataclass
class Row:
    """One number of an experiment, beside the book's where the book gave one.

    ours and book are numbers or short strings (e.g. a printed line); a row
    with a number on both sides and a tol is within tolerance when
    |ours - book| <= tol; a string row when the strings are equal. A row
    without a book number is compared with nothing (`ok` is None).
    spread: (lowest, highest) when ours is the median of several seeded runs.
    """
    quantity: str
    ours: typing.Any
    book: typing.Any = None
    tol: typing.Optional[float] = None
    spread: typing.Optional[tuple] = None

    @property
    def ok(self):
        """True/False against the book, None where there is nothing to compare."""
        if self.book is None:
            return None
        if isinstance(self.ours, str) or isinstance(self.book, str):
            return str(self.ours) == str(self.book)
        if self.tol is None or not math.isfinite(float(self.ours)):
            return None if self.tol is None else False
        return abs(float(self.ours) - float(self.book)) <= self.tol


@dataclasses.dataclass
class Result:
    """What an experiment returns: figures by file stem, and its numbers."""
    figures: dict = dataclasses.field(default_factory=dict)
    rows: list = dataclasses.field(default_factory=list)


@dataclasses.dataclass
class Experiment:
    name: str
    title: str
    run: typing.Callable


EXPERIMENTS = {}


def experiment(name, title):
    """Register `fn(quick) -> Result` as the experiment `name`."""
    def register(fn):
        if name in EXPERIMENTS:
            raise ValueError(f"experiment {name!r} is registered twice")
        EXPERIMENTS[name] = Experiment(name, title, fn)
        return fn
    return register
