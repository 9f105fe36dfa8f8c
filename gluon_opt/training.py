"""Training loops: one loop, driven by a gluon.Trainer or a scratch update.

Both the Gluon path (`optimize`) and the scratch path (`train_linreg_scratch`)
run `train_loop`, which is written for MXNet's costs: minibatches are slices of
a shuffled copy (no DataLoader), and the logged full-data losses stay on the
device until the end of each epoch, so there is one host sync per epoch rather
than one per log point.
"""
import dataclasses
import time
import warnings

import numpy as np
from mxnet import autograd, gluon, init, nd
from mxnet.gluon import nn

from . import _checks, plotting
from .data import data_iter
from .linear_regression import LinearRegressionLoss

# A run whose last loss is this many times its lowest is reported as diverged
# (it still finishes): two orders of magnitude, where the noise of a converged
# run moves the loss by a few times at most. A NaN or infinite loss stops the
# run at the end of that epoch.
DIVERGENCE_FACTOR = 100


@dataclasses.dataclass
class History:
    """What a training run logged, for plots and exercises.

    losses: the full-data loss at each log point, the first before training.
    epochs: the x position of each loss, in epochs (0 to num_epochs).
    seconds_per_epoch: mean wall time of an epoch; epoch_seconds: each one.
    learning_rate: the learning rate at the end of the run.
    diverged: the loss became NaN or infinite (the run then stopped early) or
        ended DIVERGENCE_FACTOR or more times above its lowest value.
    params: the learned parameters, name -> NumPy array.
    """
    losses: list
    epochs: list
    seconds_per_epoch: float
    epoch_seconds: list
    learning_rate: float
    diverged: bool
    params: dict = dataclasses.field(default_factory=dict)

    @property
    def final_loss(self):
        return self.losses[-1]


def is_diverged(losses):
    """True when a loss is NaN or infinite, or the last is DIVERGENCE_FACTOR
    times the lowest or more."""
    losses = np.asarray(losses, dtype=float)
    if not np.isfinite(losses).all():
        return True
    return bool(losses[-1] >= DIVERGENCE_FACTOR * max(losses.min(), 1e-12))


def train_loop(batch_loss, update, full_loss, features, labels, *, batch_size,
               num_epochs, log_interval, log_offset=0, decay_epoch=None,
               get_lr, set_lr, batches=None, log_when=None):
    """Run minibatch training and log the full-data loss.

    batch_loss(X, y): the loss to differentiate on one minibatch.
    update(n): apply one step after backward, n = rows in the minibatch.
    full_loss(): the loss on all data, an NDArray of shape (1,).
    The loss is logged before training and after every batch (index i from 0)
    for which (i + log_offset) * batch_size is divisible by log_interval.
    When decay_epoch is set (not None or 0, as in the book), the learning rate
    is multiplied by 0.1 at the start of every epoch after decay_epoch.
    batches(): one epoch's minibatches, instead of data_iter's shuffled
    slices of (features, labels). log_when(rows): instead of the rule above,
    asked after each update with the rows of its minibatch, True to log.
    Returns (losses, epoch_seconds, stopped): stopped is True when a NaN or
    infinite loss ended the run early.
    """
    pending, losses, epoch_seconds = [full_loss()], [], []
    for epoch in range(1, num_epochs + 1):
        if decay_epoch and epoch > decay_epoch:
            set_lr(get_lr() * 0.1)
        start = time.perf_counter()
        minibatches = (batches() if batches else
                       data_iter(batch_size, features, labels))
        for batch_i, (X, y) in enumerate(minibatches):
            with autograd.record():
                loss = batch_loss(X, y)
            loss.backward()
            update(X.shape[0])
            if (log_when(X.shape[0]) if log_when else
                    (batch_i + log_offset) * batch_size % log_interval == 0):
                pending.append(full_loss())
        logged = _to_host(pending)
        epoch_seconds.append(time.perf_counter() - start)
        losses.extend(logged)
        pending = []
        if not np.isfinite(logged).all():
            return losses, epoch_seconds, True
    losses.extend(_to_host(pending))
    return losses, epoch_seconds, False


def _to_host(pending):
    """The logged losses as floats, in one copy to the host (or a wait)."""
    if not pending:
        nd.waitall()
        return []
    return nd.concat(*pending, dim=0).asnumpy().astype(float).tolist()


def _finish(losses, epoch_seconds, stopped, num_epochs, learning_rate, params,
            plot, verbose):
    """Build the History and report divergence; print the learned parameters
    (`verbose`) and plot the loss on a log scale (`plot`), as optimize does."""
    history = _history(losses, epoch_seconds, stopped, num_epochs,
                       learning_rate, params)
    if verbose:
        for name, value in params.items():
            print(f"{name}:", np.array2string(value, precision=4))
    if plot:
        plotting.semilogy(history.epochs, history.losses, "epoch", "loss")
    return history


def _history(losses, epoch_seconds, stopped, num_epochs, learning_rate, params):
    """The History of a run; warns when it diverged."""
    diverged = stopped or is_diverged(losses)
    epochs_run = len(epoch_seconds) if stopped else num_epochs
    history = History(
        losses=losses,
        epochs=np.linspace(0, epochs_run, len(losses)).tolist(),
        seconds_per_epoch=float(np.mean(epoch_seconds)) if epoch_seconds else 0.0,
        epoch_seconds=epoch_seconds,
        learning_rate=float(learning_rate),
        diverged=diverged,
        params=params)
    if diverged:
        how = ("became NaN or infinite and training stopped after epoch "
               f"{epochs_run}" if stopped else
               f"ended at {losses[-1]:.4g}, {losses[-1] / min(losses):.0f} "
               f"times its lowest ({min(losses):.4g})")
        warnings.warn(f"The run diverged: the loss {how}. Try a smaller "
                      f"learning rate (this run ended at {learning_rate:g}).",
                      RuntimeWarning, stacklevel=4)
    return history


def _learned_params(net):
    """Name -> value; a single Dense layer's are named w and b, as in the book."""
    params = list(net.collect_params().values())
    if len(params) == 2 and params[0].name.endswith("weight") \
            and params[1].name.endswith("bias"):
        return {"w": params[0].data().asnumpy(), "b": params[1].data().asnumpy()}
    return {param.name: param.data().asnumpy() for param in params}


def optimize(batch_size, trainer, num_epochs, decay_epoch, log_interval, X, y,
             net, *, plot=True, verbose=True):
    """Train `net` on (X, y) with L2 loss, driving any gluon.Trainer.

    The book's optimize: minibatches of batch_size reshuffled every epoch; the
    learning rate times 0.1 at the start of each epoch after decay_epoch; the
    full-data loss logged before training and after every batch i (from 0)
    with i * batch_size divisible by log_interval. Prints the learned
    parameters, plots loss against epoch (log scale), returns a History.
    Each step is normalized by the rows of its batch (the book passed
    batch_size, the same but for a smaller last batch).
    """
    run = _train_gluon(net, trainer, X, y, batch_size=batch_size,
                       num_epochs=num_epochs, decay_epoch=decay_epoch,
                       log_interval=log_interval)
    return _finish(*run, num_epochs, trainer.learning_rate,
                   _learned_params(net), plot, verbose)


def _train_gluon(net, trainer, X, y, *, batch_size, num_epochs, log_interval,
                 decay_epoch=None, log_offset=0):
    """Check the arguments, then run train_loop with L2 loss and `trainer`."""
    batch_size = _checks.check_int("batch_size", batch_size, minimum=1)
    num_epochs = _checks.check_int("num_epochs", num_epochs, minimum=0)
    decay_epoch = _checks.check_optional_int("decay_epoch", decay_epoch, minimum=0)
    log_interval = _checks.check_int("log_interval", log_interval, minimum=1)
    _checks.check_trainer("trainer", trainer)
    _checks.check_features_labels(X, y, "X", "y")
    _checks.check_initialized("net", net)
    loss_fn = gluon.loss.L2Loss()
    loss_fn.hybridize()  # one cached graph instead of its five operators
    return train_loop(
        batch_loss=lambda Xb, yb: loss_fn(net(Xb), yb),
        update=trainer.step,
        full_loss=lambda: loss_fn(net(X), y).mean(),
        features=X, labels=y, batch_size=batch_size, num_epochs=num_epochs,
        log_interval=log_interval, log_offset=log_offset,
        decay_epoch=decay_epoch,
        get_lr=lambda: trainer.learning_rate, set_lr=trainer.set_learning_rate)


def train_linreg_scratch(update_fn, states, hyperparams, X, y, *, batch_size,
                         num_epochs, log_interval, decay_epoch=None,
                         log_offset=0, init_scale=1.0, plot=True, verbose=True):
    """Train the linear model from scratch with a book-style update function.

    update_fn(params, states, hyperparams) updates params [w, b] in place from
    their gradients of the minibatch's mean squared loss. `states` is the list
    of state arrays, or a function of the params that builds it. The learning
    rate is hyperparams['lr'] (the caller's dict is not changed).
    Prints w and b, plots the loss (log scale), returns a History.
    """
    *run, lr, learned = _train_scratch(
        update_fn, states, hyperparams, X, y, batch_size=batch_size,
        num_epochs=num_epochs, log_interval=log_interval,
        decay_epoch=decay_epoch, log_offset=log_offset, init_scale=init_scale,
        names=("update_fn", "X", "y"))
    return _finish(*run, num_epochs, lr, learned, plot, verbose)


def _train_scratch(update_fn, states, hyperparams, X, y, *, batch_size,
                   num_epochs, log_interval, decay_epoch, log_offset,
                   init_scale, names=("trainer_fn", "features", "labels")):
    """Check the arguments (named as the caller's parameters: `names`), then
    run train_loop on a fresh linear model.

    Returns (losses, epoch_seconds, stopped, final lr, learned params)."""
    batch_size = _checks.check_int("batch_size", batch_size, minimum=1)
    num_epochs = _checks.check_int("num_epochs", num_epochs, minimum=0)
    decay_epoch = _checks.check_optional_int("decay_epoch", decay_epoch, minimum=0)
    log_interval = _checks.check_int("log_interval", log_interval, minimum=1)
    if not callable(update_fn):
        raise TypeError(f"{names[0]} must be a function "
                        f"f(params, states, hyperparams)")
    if not isinstance(hyperparams, dict):
        raise TypeError(f"hyperparams must be a dict such as {{'lr': 0.1}}, "
                        f"got {type(hyperparams).__name__}")
    if "lr" in hyperparams:
        _checks.check_number("hyperparams['lr']", hyperparams["lr"], minimum=0)
    elif decay_epoch:  # AdaDelta has no learning rate; decay needs one
        raise ValueError("decay_epoch needs a learning rate in "
                         "hyperparams['lr']")
    _checks.check_features_labels(X, y, *names[1:])

    w = nd.random.normal(scale=init_scale, shape=(X.shape[1], 1))
    b = nd.zeros(shape=(1,))
    # The loss of linreg and squared_loss, hybridized: the same numbers with
    # two cached graphs per step instead of some 13 operators.
    loss = LinearRegressionLoss(w, b)
    w, b = params = [loss.w.data(), loss.b.data()]
    states = states(params) if callable(states) else states
    hyperparams = dict(hyperparams)

    def set_lr(lr):
        hyperparams["lr"] = lr

    losses, epoch_seconds, stopped = train_loop(
        batch_loss=loss,
        update=lambda n: update_fn(params, states, hyperparams),
        full_loss=lambda: loss(X, y),
        features=X, labels=y, batch_size=batch_size, num_epochs=num_epochs,
        log_interval=log_interval, log_offset=log_offset,
        decay_epoch=decay_epoch, get_lr=lambda: hyperparams["lr"], set_lr=set_lr)
    learned = {"w": w.asnumpy().reshape(1, -1), "b": b.asnumpy()}
    return (losses, epoch_seconds, stopped, hyperparams.get("lr", float("nan")),
            learned)


# The d2l 1.0 chapter's training functions (airfoil data): weights drawn with
# scale 0.01, the full loss logged every 100 examples (after batch i + 1).
CH7_INIT_SCALE = 0.01
CH7_LOG_INTERVAL = 100


def train_ch7(trainer_fn, states, hyperparams, features, labels, batch_size=10,
              num_epochs=2):
    """Train the linear model with a scratch update trainer_fn(params, states,
    hyperparams); print `loss: %f, %f sec per epoch`, plot, return a History.

    `states` may also be a function of the params [w, b] that makes them.
    """
    return _report_ch7(run_ch7(trainer_fn, states, hyperparams, features,
                               labels, batch_size, num_epochs))


def train_gluon_ch7(trainer_name, trainer_hyperparams, features, labels,
                    batch_size=10, num_epochs=2):
    """Train nn.Dense(1) with gluon.Trainer(trainer_name, trainer_hyperparams)
    and L2 loss; print `loss: %f, %f sec per epoch`, plot, return a History.

    trainer_name is an optimizer name ('sgd', 'adam', ...) or an
    mx.optimizer.Optimizer instance (then trainer_hyperparams must be None).
    """
    return _report_ch7(run_gluon_ch7(trainer_name, trainer_hyperparams,
                                     features, labels, batch_size, num_epochs))


def run_ch7(trainer_fn, states, hyperparams, features, labels, batch_size=10,
            num_epochs=2):
    """train_ch7 without printing or plotting: returns the History."""
    *run, lr, learned = _train_scratch(
        trainer_fn, states, hyperparams, features, labels,
        batch_size=batch_size, num_epochs=num_epochs,
        log_interval=CH7_LOG_INTERVAL, decay_epoch=None, log_offset=1,
        init_scale=CH7_INIT_SCALE)
    return _history(*run, num_epochs, lr, learned)


def run_gluon_ch7(trainer_name, trainer_hyperparams, features, labels,
                  batch_size=10, num_epochs=2):
    """train_gluon_ch7 without printing or plotting: returns the History."""
    _checks.check_features_labels(features, labels, "features", "labels")
    net = nn.Sequential()
    net.add(nn.Dense(1))
    net.initialize(init.Normal(sigma=CH7_INIT_SCALE))
    trainer = _checks.make_trainer(net, trainer_name, trainer_hyperparams)
    run = _train_gluon(net, trainer, features, labels, batch_size=batch_size,
                       num_epochs=num_epochs, log_interval=CH7_LOG_INTERVAL,
                       log_offset=1)
    return _history(*run, num_epochs, trainer.learning_rate,
                    _learned_params(net))


def _report_ch7(history):
    """The book's report: the last loss and the last epoch's time, and the
    loss against epoch (linear axes)."""
    last_seconds = history.epoch_seconds[-1] if history.epoch_seconds else 0.0
    print("loss: %f, %f sec per epoch" % (history.losses[-1], last_seconds))
    plotting.plot_loss(history.epochs, history.losses)
    return history
