"""The momentum study on MNIST (issue 5 §3): a small MLP trained twice.

The study trains a multilayer perceptron 784-200-10 (ReLU, `models.mlp`) with
softmax cross-entropy twice from the same initial weights and the same
minibatch order: once with the scratch `sgd_momentum` at γ = 0.9 and once with
plain SGD (the same update at γ = 0, i.e. w −= lr·grad), lr 0.01, batch 64.
Each run is `training.train_loop`, logging its minibatch losses. The data
comes from `mnist_data.load_mnist`.
"""
import dataclasses

import numpy as np
from mxnet import gluon, nd

from . import _checks, plotting
# read_idx and load_mnist live with the data; the old gluon_opt.mnist names
# keep working.
from .mnist_data import MnistData, load_mnist, read_idx  # noqa: F401
from .models import mlp
from .optimizers import init_momentum_states, sgd_momentum
from .seed import set_seed
from .training import (History, divergence_message, is_diverged,
                       train_loop, warn_diverged)


@dataclasses.dataclass
class MnistHistory(History):
    """A History of one study run, plus its evaluation accuracy.

    losses[k] is the mean minibatch loss over the log_every batches ending
    at batch (k + 1)·log_every; epochs holds where that is, in epochs.
    """
    test_accuracy: float = float("nan")
    name: str = ""


def accuracy(net, features, labels, batch_size=1000):
    """The fraction of rows whose largest logit is at the true label."""
    correct = nd.zeros((1,), ctx=features.context)
    for start in range(0, features.shape[0], batch_size):
        X = features[start:start + batch_size]
        y = labels[start:start + batch_size]
        correct += (net(X).argmax(axis=1) == y).sum()
    return float(correct.asscalar()) / features.shape[0]


def train_mnist(update_fn, hyperparams, mnist, *, num_epochs=5, batch_size=64,
                log_every=30, seed=0, name=""):
    """Train a fresh `mlp()` on `mnist` with a book-style scratch update.

    Seeded with `seed` before the weights are drawn, so two runs with the
    same seed start from the same weights and see the same minibatches.
    Each step differentiates the minibatch's mean softmax cross-entropy and
    calls update_fn(params, states, hyperparams) on the parameters' NDArrays
    (for a Gluon parameter p, p.data().grad shares memory with p.grad()).
    The batch losses stay on the device; they are copied to the host once
    per epoch and averaged over each window of log_every batches.
    """
    set_seed(seed)
    net = mlp()
    params = [param.data() for param in net.collect_params().values()]
    states = init_momentum_states(params)
    loss_fn = gluon.loss.SoftmaxCrossEntropyLoss()
    loss_fn.hybridize()  # one cached graph, as the net
    num_examples = mnist.train_features.shape[0]
    batches_per_epoch = -(-num_examples // batch_size)
    batch_losses, epoch_seconds, stopped = train_loop(
        batch_loss=lambda X, y: loss_fn(net(X), y).mean(),
        update=lambda rows: update_fn(params, states, hyperparams),
        full_loss=None, log_when=lambda rows: True,
        features=mnist.train_features, labels=mnist.train_labels,
        batch_size=batch_size, num_epochs=num_epochs, log_interval=1,
        get_lr=None, set_lr=None)
    num_windows = len(batch_losses) // log_every
    windows = np.asarray(batch_losses[:num_windows * log_every], dtype=float)
    losses = windows.reshape(num_windows, log_every).mean(axis=1).tolist()
    positions = [(k + 1) * log_every / batches_per_epoch
                 for k in range(num_windows)]
    diverged = stopped or is_diverged(losses)
    if diverged:
        warn_diverged(f"{name}: " + divergence_message(
            losses, stopped, len(epoch_seconds), float(hyperparams["lr"]),
            hyperparams.get("momentum")))
    return MnistHistory(
        losses=losses, epochs=positions,
        seconds_per_epoch=float(np.mean(epoch_seconds)) if epoch_seconds else 0.0,
        epoch_seconds=epoch_seconds, learning_rate=float(hyperparams["lr"]),
        diverged=diverged,
        test_accuracy=accuracy(net, mnist.eval_features, mnist.eval_labels),
        name=name)


@dataclasses.dataclass
class MomentumStudy:
    """The two runs of the study, the figure of their losses, the data used."""
    momentum: MnistHistory
    sgd: MnistHistory
    figure: object
    source: str

    def summary(self):
        """One line per run: final loss, seconds per epoch, test accuracy."""
        return "\n".join(
            f"{run.name:>14}: final loss {run.final_loss:.4f}, "
            f"{run.seconds_per_epoch:.2f} s/epoch, "
            f"test accuracy {run.test_accuracy:.4f}"
            for run in (self.momentum, self.sgd))


def mnist_momentum_study(num_epochs=5, batch_size=64, lr=0.01, momentum=0.9,
                         log_every=30, num_train=None, num_eval=2000,
                         seed=0, mnist=None, plot=True):
    """Momentum (γ = `momentum`) against plain SGD on MNIST, as in issue 5 §3.

    Both runs use the scratch `sgd_momentum` (plain SGD is γ = 0), start from
    the same weights and see the same minibatches. num_train keeps only the
    first num_train training images (for a quick run); num_eval is the size
    of the held-out part when the data is split from the test files; pass
    `mnist` (a MnistData) to reuse loaded data. With plot, both loss curves
    go on one log-scale figure (MomentumStudy.figure).
    """
    num_epochs = _checks.check_int("num_epochs", num_epochs, minimum=1)
    batch_size = _checks.check_int("batch_size", batch_size, minimum=1)
    _checks.check_float32("lr", lr, minimum=0)  # MXNet takes it as float32
    _checks.check_number("momentum", momentum, minimum=0, maximum=1)
    _checks.check_float32("momentum", momentum)
    log_every = _checks.check_int("log_every", log_every, minimum=1)
    num_train = _checks.check_optional_int("num_train", num_train, minimum=1)
    seed = _checks.check_seed("seed", seed)
    plot = _checks.check_bool("plot", plot)
    if mnist is None:
        mnist = load_mnist(num_eval=num_eval)
    elif not isinstance(mnist, MnistData):
        raise TypeError(f"mnist must be a MnistData from load_mnist(), got "
                        f"{type(mnist).__name__}")
    if num_train is not None:
        mnist = dataclasses.replace(
            mnist, train_features=mnist.train_features[:num_train],
            train_labels=mnist.train_labels[:num_train],
            source=mnist.source + f"; the first {num_train:,} training images")
    batches = num_epochs * -(-mnist.train_features.shape[0] // batch_size)
    if batches < log_every:
        raise ValueError(
            f"log_every={log_every} is more than the {batches} batches of the "
            f"run ({num_epochs} epochs of batch_size {batch_size}): nothing "
            f"would be logged; lower log_every or train longer")
    runs = {}
    for name, gamma in ((f"momentum {momentum:g}", momentum), ("sgd", 0.0)):
        runs[name] = train_mnist(
            sgd_momentum, {"lr": lr, "momentum": gamma}, mnist,
            num_epochs=num_epochs, batch_size=batch_size,
            log_every=log_every, seed=seed, name=name)
    momentum_run, sgd_run = runs.values()
    figure = None
    if plot:
        figure = plotting.loss_curves(
            runs, y_label=f"loss (mean of {log_every} batches)",
            title=f"MNIST MLP, lr {lr:g}, batch {batch_size}")
    return MomentumStudy(momentum_run, sgd_run, figure, mnist.source)
