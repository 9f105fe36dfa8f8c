"""Training loops: one loop, driven by a gluon.Trainer or a scratch update.

Both the Gluon path (`optimize`) and the scratch path (`train_linreg_scratch`)
run `train_loop`, which is written for MXNet's costs: minibatches are slices of
a shuffled copy (no DataLoader), and the logged full-data losses stay on the
device until the end of each epoch, so there is one host sync per epoch rather
than one per log point.
"""
import dataclasses
import os
import sys
import time
import warnings

import mxnet as mx
import numpy as np
from mxnet import autograd, gluon, nd

from . import _checks, models, optimizers, plotting
from ._factory import unknown_name_error
from .data import data_iter, synthetic_linreg
from .linear_regression import LinearRegressionLoss
from .optimizers import init_momentum_states, sgd_momentum
from .seed import set_seed

# The divergence rule, stated once (README and History.diverged say the
# same): a run has diverged when a loss became NaN or infinite (the run then
# stops at the end of that epoch), or when its last loss is above its first:
# training made the model worse. A run that fell by orders of magnitude and
# rose a little at the end still improved, and is not flagged.


@dataclasses.dataclass
class History:
    """What a training run logged, for plots and exercises.

    losses: the full-data loss at each log point, the first before training.
    epochs: the x position of each loss, in epochs (0 to num_epochs).
    seconds_per_epoch: mean wall time of an epoch; epoch_seconds: each one.
    learning_rate: the learning rate at the end of the run.
    diverged: the loss became NaN or infinite (the run then stopped early) or
        ended above its first value (see is_diverged).
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

    def __repr__(self):
        # Short, so that a notebook cell ending in train_ch7(...) shows one
        # line rather than every logged loss.
        final = f"{self.losses[-1]:.6g}" if self.losses else "none"
        return (f"History(final_loss={final}, {len(self.losses)} losses over "
                f"{self.epochs[-1] if self.epochs else 0:g} epochs, "
                f"diverged={self.diverged})")


def is_diverged(losses):
    """True when a loss is NaN or infinite, or the last is above the first:
    the run made the model worse than where it started."""
    losses = np.asarray(losses, dtype=float)
    if losses.size == 0:
        return False
    if not np.isfinite(losses).all():
        return True
    return bool(losses[-1] > losses[0])


def divergence_message(losses, stopped, epochs_run, learning_rate,
                       momentum=None):
    """What went wrong and its likely cause, for a diverged run.

    learning_rate is the rate the run started with (a decayed final rate
    says nothing about why it diverged); with momentum γ the effective step
    is learning_rate / (1 - γ), which is what usually blows up."""
    if stopped:
        what = (f"became NaN or infinite and training stopped after epoch "
                f"{epochs_run}")
    else:
        finite = np.asarray(losses, dtype=float)
        what = (f"ended at {finite[-1]:.4g}, above where it started "
                f"({finite[0]:.4g}; its lowest was {finite.min():.4g})")
    if momentum:
        step = learning_rate / (1 - momentum) if momentum < 1 else float("inf")
        cause = (f"With momentum {momentum:g} each step is effectively "
                 f"lr / (1 - momentum) = {learning_rate:g} / {1 - momentum:.3g}"
                 f" = {step:.4g}: lower the momentum or the learning rate.")
    else:
        cause = (f"Try a smaller learning rate (this run started at "
                 f"{learning_rate:g}).")
    return f"The run diverged: the loss {what}. {cause}"


def warn_diverged(message):
    """Warn with `message`, pointing at the caller's line: the first frame
    outside the gluon_opt package (a notebook cell, a script)."""
    package = os.path.dirname(os.path.abspath(__file__)) + os.sep
    frame, level = sys._getframe(0), 1
    while frame is not None and \
            os.path.abspath(frame.f_code.co_filename).startswith(package):
        frame, level = frame.f_back, level + 1
    warnings.warn(message, RuntimeWarning, stacklevel=level)


def train_loop(batch_loss, update, full_loss, features, labels, *, batch_size,
               num_epochs, log_interval, log_offset=0, decay_epoch=None,
               get_lr, set_lr, batches=None, log_when=None):
    """Run minibatch training and log the full-data loss.

    batch_loss(X, y): the loss to differentiate on one minibatch.
    update(n): apply one step after backward, n = rows in the minibatch.
    full_loss(): the loss on all data, an NDArray of shape (1,); None logs
    the minibatch's own loss instead (and nothing before training).
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
    pending = [full_loss()] if full_loss else []
    losses, epoch_seconds = [], []
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
                pending.append(full_loss() if full_loss else loss)
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
            plot, verbose, start=None):
    """Build the History and report divergence; print the learned parameters
    (`verbose`) and plot the loss on a log scale (`plot`)."""
    history = _history(losses, epoch_seconds, stopped, num_epochs,
                       learning_rate, params, start)
    if verbose:
        for name, value in params.items():
            print(f"{name}:", np.array2string(value, precision=4))
    if plot:
        plotting.semilogy(history.epochs, history.losses, "epoch", "loss")
    return history


def _history(losses, epoch_seconds, stopped, num_epochs, learning_rate,
             params, start=None):
    """The History of a run; warns when it diverged. `start` is (the
    learning rate the run started with, its momentum or None), for the
    warning's likely cause."""
    # Parameters that became NaN or infinite count too: with few examples
    # the book's logging (every 100) may never log a loss after the start.
    stopped = stopped or not all(np.isfinite(value).all()
                                 for value in params.values())
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
        start_lr, momentum = start or (learning_rate, None)
        warn_diverged(divergence_message(losses, stopped, epochs_run,
                                         start_lr, momentum))
    return history


def _trainer_start(trainer):
    """(learning rate, momentum or None) of a Trainer before it trains."""
    return trainer.learning_rate, getattr(trainer.optimizer, "momentum", None)


def _learned_params(net):
    """Name -> value; a single Dense layer's are named w and b, as in the book."""
    params = list(net.collect_params().values())
    if len(params) == 2 and params[0].name.endswith("weight") \
            and params[1].name.endswith("bias"):
        return {"w": params[0].data().asnumpy(), "b": params[1].data().asnumpy()}
    return {param.name: param.data().asnumpy() for param in params}


def _print_learned(net):
    """The book's `print('w:', net[0].weight.data(), '\\nb:', ..., '\\n')` for
    a net whose parameters are one weight and one bias; else each by name."""
    params = list(net.collect_params().values())
    if len(params) == 2 and params[0].name.endswith("weight") \
            and params[1].name.endswith("bias"):
        print("w:", params[0].data(), "\nb:", params[1].data(), "\n")
    else:
        for param in params:
            print(f"{param.name}:", param.data())


def _one_of(value, alias, name, alias_name):
    """(value, the name the caller used): the data argument given under the
    book's name or its other edition's spelling (X/features, y/labels), never
    both. Errors about it then use the caller's spelling."""
    if value is not None and alias is not None:
        raise TypeError(f"give {name} or {alias_name}, not both (the 2018 "
                        f"book spells them X and y, later editions features "
                        f"and labels)")
    if value is None and alias is None:
        raise TypeError(f"missing the data argument {name} (or {alias_name})")
    return (value, name) if value is not None else (alias, alias_name)


def optimize(batch_size, trainer, num_epochs, decay_epoch, log_interval,
             features=None, labels=None, net=None, *, X=None, y=None,
             plot=True, verbose=True):
    """Train `net` on (features, labels) with L2 loss, driving any gluon.Trainer.

    The book's optimize (mid-2018 gluonbook, whose data arguments are
    features and labels; the April 2018 spelling X= and y= works too):
    minibatches of batch_size reshuffled every epoch; the learning rate
    times 0.1 at the start of each epoch after decay_epoch; the full-data
    loss logged before training and after every batch i (from 0) with
    i * batch_size divisible by log_interval. Prints the learned parameters
    as the book did (`w:` and `b:`), plots loss against epoch (log scale),
    returns a History. Each step is normalized by the rows of its batch
    (the book passed batch_size, the same but for a smaller last batch).
    Data of another real dtype is used as float32 (integer labels become
    floats); labels must give one value per output of the net.
    """
    plot = _checks.check_bool("plot", plot)
    verbose = _checks.check_bool("verbose", verbose)
    features, features_name = _one_of(features, X, "features", "X")
    labels, labels_name = _one_of(labels, y, "labels", "y")
    if net is None:
        raise TypeError("missing the argument net (the gluon Block to train)")
    start = _trainer_start(trainer) if isinstance(trainer, gluon.Trainer) \
        else None
    run = _train_gluon(net, trainer, features, labels, batch_size=batch_size,
                       num_epochs=num_epochs, decay_epoch=decay_epoch,
                       log_interval=log_interval,
                       names=(features_name, labels_name))
    history = _history(*run, num_epochs, trainer.learning_rate,
                       _learned_params(net), start)
    if verbose:
        _print_learned(net)
    if plot:
        plotting.semilogy(history.epochs, history.losses, "epoch", "loss")
    return history


def _train_gluon(net, trainer, X, y, *, batch_size, num_epochs, log_interval,
                 decay_epoch=None, log_offset=0, names=("X", "y"),
                 scale_name="trainer's rescale_grad"):
    """Check the arguments, then run train_loop with L2 loss and `trainer`."""
    batch_size = _checks.check_int("batch_size", batch_size, minimum=1)
    num_epochs = _checks.check_int("num_epochs", num_epochs, minimum=0)
    decay_epoch = _checks.check_optional_int("decay_epoch", decay_epoch, minimum=0)
    log_interval = _checks.check_int("log_interval", log_interval, minimum=1)
    _checks.check_trainer("trainer", trainer, decay_epoch)
    X, y = _checks.check_features_labels(X, y, *names)
    _checks.check_step_scale(scale_name, trainer, min(batch_size, X.shape[0]))
    _checks.check_initialized("net", net)
    _checks.check_net_output(net, X, y, *names)
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
    plot = _checks.check_bool("plot", plot)
    verbose = _checks.check_bool("verbose", verbose)
    *run, lr, learned = _train_scratch(
        update_fn, states, hyperparams, X, y, batch_size=batch_size,
        num_epochs=num_epochs, log_interval=log_interval,
        decay_epoch=decay_epoch, log_offset=log_offset, init_scale=init_scale,
        names=("update_fn", "X", "y"))
    return _finish(*run, num_epochs, lr, learned, plot, verbose,
                   _scratch_start(hyperparams))


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
    log_offset = _checks.check_int("log_offset", log_offset, minimum=0)
    init_scale = _checks.check_float32("init_scale", init_scale, minimum=0)
    if not callable(update_fn):
        raise TypeError(f"{names[0]} must be a function "
                        f"f(params, states, hyperparams)")
    if not isinstance(hyperparams, dict):
        raise TypeError(f"hyperparams must be a dict such as {{'lr': 0.1}}, "
                        f"got {type(hyperparams).__name__}")
    for key, value in hyperparams.items():  # the book's are all numbers
        _checks.check_float32(f"hyperparams[{key!r}]", value,
                              minimum=0 if key == "lr" else None)
    if "t" in hyperparams:  # Adam's step count: bias corrections 1 - beta**t
        _checks.check_int("hyperparams['t']", hyperparams["t"], minimum=1)
    if "lr" not in hyperparams and decay_epoch:  # AdaDelta has no learning rate; decay needs one
        raise ValueError("decay_epoch needs a learning rate in "
                         "hyperparams['lr']")
    X, y = _checks.check_features_labels(X, y, *names[1:], one_output=True)
    if X.ndim != 2:  # w is (features, 1): X·w needs a row of features
        raise ValueError(
            f"{names[1]} must be 2-D (examples x features) for the linear "
            f"model X·w + b, got shape {X.shape}; reshape it with "
            f"{names[1]}.reshape(({X.shape[0]}, -1))")

    # MXNet's gaussian needs a positive scale: init_scale 0 (or -0.0) starts
    # from zero weights, after drawing as many numbers as any other scale.
    w = nd.random.normal(scale=init_scale or 1.0, shape=(X.shape[1], 1))
    if not init_scale:
        w = nd.zeros_like(w)
    b = nd.zeros(shape=(1,))
    # The loss of linreg and squared_loss, hybridized: the same numbers with
    # two cached graphs per step instead of some 13 operators.
    loss = LinearRegressionLoss(w, b)
    w, b = params = [loss.w.data(), loss.b.data()]
    states = _checks.check_states(
        "states", states(params) if callable(states) else states, params)
    hyperparams = dict(hyperparams)
    update = _named_keys(update_fn, names[0], states is None)

    def set_lr(lr):
        hyperparams["lr"] = lr

    losses, epoch_seconds, stopped = train_loop(
        batch_loss=loss,
        update=lambda n: update(params, states, hyperparams),
        full_loss=lambda: loss(X, y),
        features=X, labels=y, batch_size=batch_size, num_epochs=num_epochs,
        log_interval=log_interval, log_offset=log_offset,
        decay_epoch=decay_epoch, get_lr=lambda: hyperparams["lr"], set_lr=set_lr)
    learned = {"w": w.asnumpy().reshape(1, -1), "b": b.asnumpy()}
    return (losses, epoch_seconds, stopped, hyperparams.get("lr", float("nan")),
            learned)


def _named_keys(update_fn, name, no_states=False):
    """update_fn, with a missing hyperparameter reported by key and function
    (a bare KeyError: 'lr' says neither which dict nor which function), and
    states=None given to a function that needs states said so."""
    function = getattr(update_fn, "__name__", repr(update_fn))

    def update(params, states, hyperparams):
        try:
            update_fn(params, states, hyperparams)
        except TypeError:
            if no_states:  # e.g. zip(params, None) in sgd_momentum
                raise TypeError(
                    f"states is None, but {name} {function} needs one state "
                    f"per parameter; pass the section's init_*_states "
                    f"(e.g. init_momentum_states)") from None
            raise
        except KeyError as error:
            key = error.args[0] if error.args else "?"
            if key in hyperparams:  # a KeyError of the function's own
                raise
            raise ValueError(
                f"hyperparams has no {key!r}, which {name} {function} reads; "
                f"pass it, e.g. {{{key!r}: ...}} (got keys "
                f"{sorted(hyperparams)})") from None
    return update


def _scratch_start(hyperparams):
    """(learning rate, momentum or None) from a book-style hyperparams dict."""
    if not isinstance(hyperparams, dict):
        return None
    return hyperparams.get("lr", float("nan")), hyperparams.get("momentum")


# The d2l 1.0 chapter's training functions (airfoil data): weights drawn with
# scale 0.01, the full loss logged every 100 examples (after batch i + 1).
CH7_INIT_SCALE = 0.01
CH7_LOG_INTERVAL = 100


def train_ch7(trainer_fn, states, hyperparams, features, labels, batch_size=10,
              num_epochs=2):
    """Train the linear model with a scratch update trainer_fn(params, states,
    hyperparams); print `loss: %f, %f sec per epoch`, plot, return a History.

    `states` may also be a function of the params [w, b] that makes them.
    features must be 2-D and labels (n,) or (n, 1); other real dtypes are
    used as float32 (integer labels become floats).
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
    return _history(*run, num_epochs, lr, learned, _scratch_start(hyperparams))


def _name_hyperparam(message, hyperparams, name):
    """An optimizer's argument error, named as the caller's dict entry:
    "beta1 must be ..." becomes "trainer_hyperparams['beta1'] must be ...";
    None when the message is about no entry of the dict."""
    for key in hyperparams:
        if message.startswith(f"{key} "):
            return f"{name}[{key!r}]{message[len(key):]}"
    return None


def make_trainer(net, optimizer, hyperparams,
                 names=("trainer_name", "trainer_hyperparams")):
    """gluon.Trainer(net's params, optimizer, hyperparams), with an error that
    names the argument (as the caller calls them: `names`) when the
    optimizer name or a hyperparameter is wrong. Serves train_gluon_ch7 and
    d2l's train_concise_ch11 (tr_name, hyperparams)."""
    name_arg, params_arg = names
    if isinstance(optimizer, str):
        known = mx.optimizer.Optimizer.opt_registry
        if optimizer.lower() not in known:
            raise unknown_name_error(optimizer, known, name_arg)
    elif not isinstance(optimizer, mx.optimizer.Optimizer):
        raise TypeError(f"{name_arg} must be an optimizer name or an "
                        f"mx.optimizer.Optimizer, got {type(optimizer).__name__}")
    if hyperparams is not None and not isinstance(hyperparams, dict):
        raise TypeError(f"{params_arg} must be a dict such as "
                        f"{{'learning_rate': 0.1}}, got {type(hyperparams).__name__}")
    if isinstance(optimizer, str) and hyperparams:
        # The same checks our optimizers make (beta1 in [0, 1), wd >= 0,
        # rescale_grad > 0, ...): built once and discarded, so an error names
        # the hyperparameter before MXNet trains on it.
        if optimizer.lower() in optimizers.names():
            try:
                optimizers.create(optimizer, **hyperparams)
            except (TypeError, ValueError) as error:
                named = _name_hyperparam(str(error), hyperparams, params_arg)
                if named is None:  # an unknown key: the dict does not fit
                    raise ValueError(
                        f"{params_arg} {hyperparams!r} do not fit "
                        f"optimizer {optimizer!r}: {error}") from None
                raise type(error)(named) from None
    try:
        trainer = gluon.Trainer(net.collect_params(), optimizer, hyperparams)
    except (TypeError, ValueError, AssertionError) as error:
        raise ValueError(f"{params_arg} {hyperparams!r} do not fit "
                         f"optimizer {optimizer!r}: {error}") from error
    # The numbers of an optimizer ours do not check above (ftml, nag, ...):
    # the checks the training loop makes on a trainer, named as the entry
    # of the caller's dict, since the caller never saw a trainer.
    try:
        _checks.check_trainer_numbers("", trainer._optimizer)
    except (TypeError, ValueError) as error:
        named = _name_hyperparam(str(error), hyperparams or {}, params_arg)
        raise type(error)(named or f"{params_arg} {hyperparams!r} do not fit "
                          f"optimizer {optimizer!r}: {error}") from None
    return trainer


def run_gluon_ch7(trainer_name, trainer_hyperparams, features, labels,
                  batch_size=10, num_epochs=2):
    """train_gluon_ch7 without printing or plotting: returns the History."""
    features, labels = _checks.check_features_labels(
        features, labels, "features", "labels", one_output=True)
    net = models.linear_net(sigma=CH7_INIT_SCALE)
    trainer = make_trainer(net, trainer_name, trainer_hyperparams)
    start = _trainer_start(trainer)
    run = _train_gluon(net, trainer, features, labels, batch_size=batch_size,
                       num_epochs=num_epochs, log_interval=CH7_LOG_INTERVAL,
                       log_offset=1, names=("features", "labels"),
                       scale_name="trainer_hyperparams['rescale_grad']")
    return _history(*run, num_epochs, trainer.learning_rate,
                    _learned_params(net), start)


def _report_ch7(history):
    """The book's report: the last loss and the last epoch's time, and the
    loss against epoch (linear axes)."""
    last_seconds = history.epoch_seconds[-1] if history.epoch_seconds else 0.0
    print("loss: %f, %f sec per epoch" % (history.losses[-1], last_seconds))
    plotting.plot_loss(history.epochs, history.losses)
    return history


# The 2018 chapter's momentum runs: 1000 examples of y = X·(2, -3.4) + 4.2 +
# noise, lr 0.2, batch 10, 3 epochs, decay after epoch 2, the loss logged
# every 10 examples (the experiment `momentum-gluon`, its tests and the
# repository's benchmarks/chapter.py).
TRUE_W, TRUE_B = (2.0, -3.4), 4.2
MOMENTUM_SETTINGS = dict(batch_size=10, num_epochs=3, decay_epoch=2,
                         log_interval=10)


def gluon_momentum_run(momentum, lr=0.2, seed=0, num_epochs=3, **kwargs):
    """The seed's run: 1000 synthetic examples, a Dense(1) net and
    gluon.Trainer('sgd', lr, momentum) driven by `optimize`. Returns History."""
    set_seed(seed)
    X, y = synthetic_linreg(1000, TRUE_W, TRUE_B)
    net = models.linear_net()
    trainer = gluon.Trainer(net.collect_params(), "sgd",
                            {"learning_rate": lr, "momentum": momentum})
    settings = dict(MOMENTUM_SETTINGS, num_epochs=num_epochs)
    return optimize(X=X, y=y, net=net, trainer=trainer, **settings, **kwargs)


def scratch_momentum_run(momentum, lr=0.2, seed=0, num_epochs=3, **kwargs):
    """The same run with the scratch sgd_momentum update on w and b."""
    set_seed(seed)
    X, y = synthetic_linreg(1000, TRUE_W, TRUE_B)
    settings = dict(MOMENTUM_SETTINGS, num_epochs=num_epochs)
    return train_linreg_scratch(sgd_momentum, init_momentum_states,
                                {"lr": lr, "momentum": momentum}, X, y,
                                **settings, **kwargs)
