"""Every optimizer of the chapter on one problem: the airfoil data, batch 10,
2 epochs, each through gluon.Trainer with the project's scratch Optimizer,
from the same seed (the experiment `compare-optimizers` and its lesson)."""
from . import optimizers
from .data import get_data_ch7
from .seed import set_seed
from .training import run_gluon_ch7

# name -> keyword arguments of gluon_opt.optimizers.create: the step sizes the
# chapter's sections use, and for the rest one that trains this problem.
COMPARED = {
    "sgd": {"learning_rate": 0.05},
    "sgd momentum": {"name": "sgd", "learning_rate": 0.004, "momentum": 0.9},
    "nag": {"learning_rate": 0.004, "momentum": 0.9},
    "adagrad": {"learning_rate": 0.1},
    "rmsprop": {"learning_rate": 0.01, "gamma1": 0.9},
    "adadelta": {"rho": 0.9},  # d2l-zh 1.0's airfoil value
    "adam": {"learning_rate": 0.01},
    "adamax": {"learning_rate": 0.01},
    "nadam": {"learning_rate": 0.01},
}


def compare_optimizers(num_epochs=2, batch_size=10, seed=0):
    """Train the chapter's linear model with each optimizer of COMPARED from
    the same seed; returns label -> History."""
    features, labels = get_data_ch7()
    histories = {}
    for label, kwargs in COMPARED.items():
        kwargs = dict(kwargs)
        optimizer = optimizers.create(kwargs.pop("name", label), **kwargs)
        set_seed(seed)
        histories[label] = run_gluon_ch7(optimizer, None, features, labels,
                                         batch_size=batch_size,
                                         num_epochs=num_epochs)
    return histories
