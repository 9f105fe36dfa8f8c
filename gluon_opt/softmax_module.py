"""The book's symbolic example: softmax regression in MXNet's Module API.

Softmax regression (`FullyConnected` + `SoftmaxOutput`) on a seeded synthetic
10-class problem with 20 features, bound, initialized and given SGD with a
learning-rate scheduler, then trained by `Module.fit` while a
batch_end_callback records the learning rate each update used. The
experiment `lr-schedule` and the module-lr-scheduler lesson run it.
"""
import contextlib
import dataclasses
import logging
import warnings

import mxnet as mx
import numpy as np

from . import _checks, schedules
from .seed import set_seed

NUM_FEATURES = 20
NUM_CLASSES = 10
BATCH_SIZE = 128


def synthetic_softmax_data(num_examples, num_features=NUM_FEATURES,
                           num_classes=NUM_CLASSES, noise=0.5, seed=0):
    """(features, labels) as float32 NumPy arrays: x ~ N(0, I) and
    y = argmax(x·W + noise·ε) for a random W, so a linear model fits well
    but not perfectly. The same seed gives the same data."""
    num_examples = _checks.check_int("num_examples", num_examples, minimum=1)
    rng = np.random.RandomState(_checks.check_seed("seed", seed))
    true_weight = rng.normal(size=(num_features, num_classes))
    features = rng.normal(size=(num_examples, num_features))
    scores = features @ true_weight + noise * rng.normal(size=(num_examples, num_classes))
    return features.astype("float32"), scores.argmax(axis=1).astype("float32")


def softmax_iters(num_train=20 * BATCH_SIZE, num_valid=10 * BATCH_SIZE,
                  batch_size=BATCH_SIZE, seed=0):
    """Shuffled training and fixed validation NDArrayIters over the synthetic
    problem, with the label named 'softmax_label' as SoftmaxOutput expects."""
    features, labels = synthetic_softmax_data(num_train + num_valid, seed=seed)
    train = mx.io.NDArrayIter(features[:num_train], labels[:num_train],
                              batch_size, shuffle=True,
                              label_name="softmax_label")
    valid = mx.io.NDArrayIter(features[num_train:], labels[num_train:],
                              batch_size, label_name="softmax_label")
    return train, valid


def book_softmax_module(initializer, lr_scheduler, learning_rate=0.1,
                        batch_size=BATCH_SIZE):
    """The book's Module, bound, initialized and given SGD with a scheduler."""
    data = mx.sym.Variable("data")
    fc = mx.sym.FullyConnected(data, name="fc", num_hidden=NUM_CLASSES)
    loss = mx.sym.SoftmaxOutput(fc, name="softmax")
    mod = mx.mod.Module(loss)
    mod.bind(data_shapes=[("data", (batch_size, NUM_FEATURES))],
             label_shapes=[("softmax_label", (batch_size,))])
    mod.init_params(initializer)
    if lr_scheduler is not None:
        # MXNet's Optimizer sets the scheduler's base_lr to learning_rate
        # anyway, after printing that it did; setting it first is the same
        # run without that line.
        lr_scheduler.base_lr = learning_rate
    mod.init_optimizer(optimizer="sgd", optimizer_params=(
        ("learning_rate", learning_rate), ("lr_scheduler", lr_scheduler)))
    return mod


@contextlib.contextmanager
def _quiet_refit():
    """Module.fit calls bind, init_params and init_optimizer again and warns
    that each was done already (it keeps what we set up); silence only that."""
    root = logging.getLogger()
    level = root.level
    root.setLevel(logging.ERROR)
    try:
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", message="Parameters already initialized")
            yield
    finally:
        root.setLevel(level)


@dataclasses.dataclass
class ScheduleRun:
    """What a Module run logged: the update numbers, the learning rate each
    used, and the accuracy on the training and validation data at the end."""
    updates: list
    learning_rates: list
    train_accuracy: float
    valid_accuracy: float

    @property
    def final_learning_rate(self):
        return self.learning_rates[-1]


def fit_and_record(mod, train_iter, valid_iter, num_epochs):
    """mod.fit for num_epochs with a LearningRateRecorder; the ScheduleRun."""
    num_epochs = _checks.check_int("num_epochs", num_epochs, minimum=1)
    recorder = schedules.LearningRateRecorder()
    with _quiet_refit():
        mod.fit(train_iter, num_epoch=num_epochs, batch_end_callback=recorder)
    return ScheduleRun(
        updates=recorder.updates, learning_rates=recorder.learning_rates,
        train_accuracy=float(mod.score(train_iter, "acc")[0][1]),
        valid_accuracy=float(mod.score(valid_iter, "acc")[0][1]))


def fit_softmax_demo(lr_scheduler, initializer, num_epochs=25,
                     learning_rate=0.1, seed=0):
    """Seed, build the book's Module and fit it; return the ScheduleRun.

    Two calls with the same seed draw the same data, weights and batch order,
    so two schedules that give equal rates give equal runs.
    """
    set_seed(seed)
    train_iter, valid_iter = softmax_iters(seed=seed)
    mod = book_softmax_module(initializer, lr_scheduler, learning_rate)
    return fit_and_record(mod, train_iter, valid_iter, num_epochs)
