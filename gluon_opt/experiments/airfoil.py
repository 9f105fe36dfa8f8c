"""The chapter's optimizers on the airfoil data, as d2l 1.0 runs them.

Each section trains the linear model twice with the same hyperparameters:
from scratch (`run_ch7` with the book's update function) and with Gluon
(`run_gluon_ch7` with MXNet's optimizer of the same name); the two loss
curves share one figure, on linear axes as train_ch7 draws them, above the
difference between the two.
"""
import dataclasses

from .. import optimizers as opt
from .. import plotting
from ..data import get_data_ch7
from ..seed import set_seed
from ..training import run_ch7, run_gluon_ch7
from .registry import Result, Row, experiment


@dataclasses.dataclass
class Section:
    """A section's two runs: the scratch update and the Gluon optimizer."""
    title: str
    update: callable
    init_states: callable
    hyperparams: dict
    trainer_name: str
    trainer_hyperparams: dict
    book_loss: float = None  # the final scratch loss the book printed


SECTIONS = {
    "momentum": Section("Momentum (γ = 0.9, η = 0.004)", opt.sgd_momentum,
                        opt.init_momentum_states, {"lr": 0.004, "momentum": 0.9},
                        "sgd", {"learning_rate": 0.004, "momentum": 0.9}),
    "adagrad": Section("AdaGrad (η = 0.1)", opt.adagrad, opt.init_adagrad_states,
                       {"lr": 0.1}, "adagrad", {"learning_rate": 0.1},
                       book_loss=0.243),
    "rmsprop": Section("RMSProp (γ = 0.9, η = 0.01)", opt.rmsprop,
                       opt.init_rmsprop_states, {"lr": 0.01, "gamma": 0.9},
                       "rmsprop", {"learning_rate": 0.01, "gamma1": 0.9}),
    "adadelta": Section("AdaDelta (ρ = 0.9999)", opt.adadelta,
                        opt.init_adadelta_states, {"rho": 0.9999},
                        "adadelta", {"rho": 0.9999}),
    "adam": Section("Adam (η = 0.01)", opt.adam, opt.init_adam_states,
                    {"lr": 0.01, "t": 1}, "adam", {"learning_rate": 0.01}),
}
# The loss the chapter's runs end near: the noise floor of a linear model on
# the standardized airfoil data. A final loss this close counts as there.
FLOOR_TOLERANCE = 0.01


def section_runs(name, num_epochs=2, seed=0):
    """The scratch and the Gluon run of a section, each from `seed`.

    Returns {'scratch': History, 'gluon': History}."""
    section = SECTIONS[name]
    features, labels = get_data_ch7()
    set_seed(seed)
    scratch = run_ch7(section.update, section.init_states,
                      section.hyperparams, features, labels,
                      num_epochs=num_epochs)
    set_seed(seed)
    gluon = run_gluon_ch7(section.trainer_name, section.trainer_hyperparams,
                          features, labels, num_epochs=num_epochs)
    return {"scratch": scratch, "gluon": gluon}


def minibatch_runs(num_epochs=None, seed=0):
    """Minibatch SGD as the chapter runs it: gradient descent (batch 1500,
    η = 1, 6 epochs), SGD (batch 1, η = 0.005, 2 epochs) and minibatch SGD
    (batch 10, η = 0.05, 2 epochs). Returns label -> History."""
    features, labels = get_data_ch7()
    runs = {}
    for batch_size, lr, epochs in ((1500, 1.0, 6), (1, 0.005, 2), (10, 0.05, 2)):
        set_seed(seed)
        runs[f"batch {batch_size}, lr {lr:g}"] = run_ch7(
            opt.sgd, None, {"lr": lr}, features, labels, batch_size=batch_size,
            num_epochs=min(epochs, num_epochs or epochs))
    return runs


def _register_section(name):
    section = SECTIONS[name]

    @experiment(f"{name}-airfoil",
                f"{section.title} on the airfoil data, scratch and Gluon")
    def run(quick):
        histories = section_runs(name, num_epochs=1 if quick else 2)
        figure = plotting.scratch_and_gluon(
            histories["scratch"], histories["gluon"], title=section.title,
            labels=(f"scratch {name}", f"Gluon '{section.trainer_name}'"))
        book = None if quick else section.book_loss
        return Result(figures={f"{name}-airfoil": figure}, rows=[
            Row("scratch: final loss", histories["scratch"].losses[-1], book,
                FLOOR_TOLERANCE if book else None),
            Row("gluon: final loss", histories["gluon"].losses[-1]),
            Row("scratch: seconds per epoch",
                round(histories["scratch"].seconds_per_epoch, 3)),
        ])
    return run


@experiment("minibatch-sgd",
            "Gradient descent, SGD and minibatch SGD on the airfoil data")
def minibatch_sgd(quick):
    histories = minibatch_runs(num_epochs=1 if quick else None)
    figure = plotting.loss_curves(histories, title="minibatch SGD",
                                  yscale="linear")
    rows = []
    for label, history in histories.items():
        rows += [Row(f"{label}: final loss", history.losses[-1]),
                 Row(f"{label}: seconds per epoch",
                     round(history.seconds_per_epoch, 3))]
    return Result(figures={"minibatch-sgd": figure}, rows=rows)


for _name in SECTIONS:
    _register_section(_name)
