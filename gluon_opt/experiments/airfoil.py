"""The chapter's optimizers on the airfoil data, as d2l-zh 1.0 runs them.

Every run the book printed a final loss for is one `AirfoilRun` below, with
the book's hyperparameters and its number. The book's runs were not seeded,
so one run's last digits are chance (momentum with lr 0.02 and γ 0.9 ends
anywhere from 0.247 to 0.274 over six seeds): each configuration runs from
the seeds in SEEDS, our number is their median with the range beside it, and
it counts as within the book's when it lies FLOOR_TOLERANCE of it. The seeds
are fixed (0 to 4), never chosen to match.
"""
import dataclasses
import statistics

from .. import optimizers as opt
from .. import plotting
from ..data import get_data_ch7
from ..seed import set_seed
from ..training import run_ch7, run_gluon_ch7
from .registry import Result, Row, experiment

SEEDS = (0, 1, 2, 3, 4)
# The loss the chapter's runs end near: the noise floor of a linear model on
# the standardized airfoil data. A median this close to the book's counts.
FLOOR_TOLERANCE = 0.01


@dataclasses.dataclass(frozen=True)
class AirfoilRun:
    """One of the book's runs: the scratch update function (with its state
    initializer and hyperparams) or, when `update` is None, gluon.Trainer
    with the optimizer `name`; and the final loss the book printed."""
    label: str
    book: float
    hyperparams: dict
    update: callable = None
    init_states: callable = None
    name: str = None  # the MXNet optimizer of a Gluon run
    batch_size: int = 10
    num_epochs: int = 2

    def run(self, features, labels, seed, num_epochs=None):
        """The History of this run from `seed`."""
        set_seed(seed)
        epochs = num_epochs or self.num_epochs
        if self.update is None:
            return run_gluon_ch7(self.name, self.hyperparams, features, labels,
                                 self.batch_size, epochs)
        return run_ch7(self.update, self.init_states, self.hyperparams,
                       features, labels, self.batch_size, epochs)


def _scratch(label, book, update, init_states, hyperparams, **kwargs):
    return AirfoilRun(label, book, hyperparams, update, init_states, **kwargs)


def _gluon(label, book, name, hyperparams, **kwargs):
    return AirfoilRun(label, book, hyperparams, name=name, **kwargs)


# experiment name -> (title, its runs): the numbers d2l-zh 1.0 printed.
SECTIONS = {
    "minibatch-sgd": ("Gradient descent, SGD and minibatch SGD", [
        _scratch("gradient descent: batch 1500, lr 1, 6 epochs", 0.246095,
                 opt.sgd, None, {"lr": 1}, batch_size=1500, num_epochs=6),
        _scratch("SGD: batch 1, lr 0.005", 0.245881, opt.sgd, None,
                 {"lr": 0.005}, batch_size=1),
        _scratch("minibatch SGD: batch 10, lr 0.05", 0.247408, opt.sgd, None,
                 {"lr": 0.05}),
        _gluon("gluon 'sgd': batch 10, lr 0.05", 0.242581, "sgd",
               {"learning_rate": 0.05}),
    ]),
    "momentum-airfoil": ("Momentum", [
        _scratch("scratch: lr 0.02, momentum 0.5", 0.244321, opt.sgd_momentum,
                 opt.init_momentum_states, {"lr": 0.02, "momentum": 0.5}),
        _scratch("scratch: lr 0.02, momentum 0.9", 0.253310, opt.sgd_momentum,
                 opt.init_momentum_states, {"lr": 0.02, "momentum": 0.9}),
        _scratch("scratch: lr 0.004, momentum 0.9", 0.244320, opt.sgd_momentum,
                 opt.init_momentum_states, {"lr": 0.004, "momentum": 0.9}),
        _gluon("gluon 'sgd': lr 0.004, momentum 0.9", 0.243769, "sgd",
               {"learning_rate": 0.004, "momentum": 0.9}),
    ]),
    "adagrad-airfoil": ("AdaGrad (η = 0.1)", [
        _scratch("scratch: lr 0.1", 0.242716, opt.adagrad,
                 opt.init_adagrad_states, {"lr": 0.1}),
        _gluon("gluon 'adagrad': lr 0.1", 0.243189, "adagrad",
               {"learning_rate": 0.1}),
    ]),
    "rmsprop-airfoil": ("RMSProp (γ = 0.9, η = 0.01)", [
        _scratch("scratch: lr 0.01, gamma 0.9", 0.244675, opt.rmsprop,
                 opt.init_rmsprop_states, {"lr": 0.01, "gamma": 0.9}),
        _gluon("gluon 'rmsprop': lr 0.01, gamma1 0.9", 0.243380, "rmsprop",
               {"learning_rate": 0.01, "gamma1": 0.9}),
    ]),
    "adadelta-airfoil": ("AdaDelta (ρ = 0.9)", [
        _scratch("scratch: rho 0.9", 0.243955, opt.adadelta,
                 opt.init_adadelta_states, {"rho": 0.9}),
        _gluon("gluon 'adadelta': rho 0.9", 0.243461, "adadelta",
               {"rho": 0.9}),
    ]),
    "adam-airfoil": ("Adam (η = 0.01)", [
        _scratch("scratch: lr 0.01", 0.244979, opt.adam, opt.init_adam_states,
                 {"lr": 0.01, "t": 1}),
        _gluon("gluon 'adam': lr 0.01", 0.243485, "adam",
               {"learning_rate": 0.01}),
    ]),
}


def seeded_runs(run, seeds=SEEDS, num_epochs=None):
    """run's History from each seed, in order."""
    features, labels = get_data_ch7()
    return [run.run(features, labels, seed, num_epochs) for seed in seeds]


def final_loss_row(run, histories, compare=True):
    """The median final loss over the seeds, its range, beside the book's."""
    finals = [h.losses[-1] for h in histories]
    label = f"{run.label}: final loss"
    if len(finals) > 1:
        label += f" (median of {len(finals)} seeds)"
    return Row(label, statistics.median(finals),
               run.book if compare else None,
               FLOOR_TOLERANCE if compare else None,
               spread=(min(finals), max(finals)) if len(finals) > 1 else None)


def run_section(name, quick=False):
    """Every run of section `name`: its figure (seed 0's curves) and rows.

    The figure is the notebooks' own: a section with one scratch and one
    Gluon run draws both on linear axes over their difference
    (plotting.scratch_and_gluon); one with more runs draws them all on
    linear axes, as train_ch7 plots them (plotting.loss_curves)."""
    title, runs = SECTIONS[name]
    seeds, epochs = ((0,), 1) if quick else (SEEDS, None)
    rows, curves = [], {}
    for run in runs:
        histories = seeded_runs(run, seeds, epochs)
        rows.append(final_loss_row(run, histories, compare=not quick))
        curves[run.label] = histories[0]
    if len(runs) == 2 and runs[0].update is not None and runs[1].update is None:
        figure = plotting.scratch_and_gluon(*curves.values(), title=title,
                                            labels=tuple(curves))
    else:
        figure = plotting.loss_curves(curves, title=title, yscale="linear")
    return Result(figures={name: figure}, rows=rows)


# Six registrations of one shape, on purpose: each experiment is a function
# registered under its name where a grep for the name finds it
# (docs/architecture.md, "How to add an experiment"); a loop over SECTIONS
# would register them where no grep finds them. The work is run_section's.
@experiment("minibatch-sgd", "Gradient descent, SGD and minibatch SGD on the "
                             "airfoil data (the book's four runs)")
def minibatch_sgd(quick):
    return run_section("minibatch-sgd", quick)


@experiment("momentum-airfoil", "Momentum on the airfoil data: scratch "
                                "(γ 0.5 and 0.9) and Gluon")
def momentum_airfoil(quick):
    return run_section("momentum-airfoil", quick)


@experiment("adagrad-airfoil", "AdaGrad on the airfoil data, scratch and Gluon")
def adagrad_airfoil(quick):
    return run_section("adagrad-airfoil", quick)


# (The same shape as the three above, on purpose: see above minibatch_sgd.)
@experiment("rmsprop-airfoil", "RMSProp on the airfoil data, scratch and Gluon")
def rmsprop_airfoil(quick):
    return run_section("rmsprop-airfoil", quick)


@experiment("adadelta-airfoil", "AdaDelta (ρ = 0.9) on the airfoil data, "
                                "scratch and Gluon")
def adadelta_airfoil(quick):
    return run_section("adadelta-airfoil", quick)


@experiment("adam-airfoil", "Adam on the airfoil data, scratch and Gluon")
def adam_airfoil(quick):
    return run_section("adam-airfoil", quick)
