"""Cases (a) and (b): the chapter's small loops, where MXNet's cost is the
number of operators dispatched (about 8 µs each) and the host syncs, not
arithmetic.

(a) train_ch7 on the airfoil data, scratch AdaGrad, batch 10, 2 epochs:
    the book's DataLoader loop, gluon_opt.run_ch7 driving the book's AdaGrad
    and the project's, and the same loop in PyTorch.
(b) optimize on the seed experiment (lr 0.2, momentum 0.9, batch 10,
    3 epochs, decay after epoch 2, log every 10 examples, 1000 synthetic
    rows, Dense(1)): the 2018 book's utils.optimize against ours.
"""
import time

from mxnet import gluon, nd

from gluon_opt import optimizers
from gluon_opt.data import get_data_ch7, synthetic_linreg
from gluon_opt.models import linear_net
from gluon_opt.seed import set_seed
from gluon_opt.training import TRUE_B, TRUE_W, optimize, run_ch7

from . import reference, torch_peer
from .timing import Variant

CH7 = dict(batch_size=10, num_epochs=2)
CH7_LR = 0.1


def _book_ch7(features, labels, num_epochs):
    set_seed(0)
    states = reference.init_adagrad_states(features)
    start = time.perf_counter()
    losses, _ = reference.train_ch7(reference.adagrad, states, {"lr": CH7_LR},
                                    features, labels, CH7["batch_size"],
                                    num_epochs)
    return time.perf_counter() - start, losses[-1]


def _ours_ch7(update, features, labels, num_epochs):
    set_seed(0)
    states = (reference.init_adagrad_states(features)
              if update is reference.adagrad else optimizers.init_adagrad_states)
    start = time.perf_counter()
    history = run_ch7(update, states, {"lr": CH7_LR}, features, labels,
                      CH7["batch_size"], num_epochs)
    return time.perf_counter() - start, history.losses[-1]


def torch_adagrad(params, states, hyperparams):
    """The chapter's AdaGrad as the PyTorch edition of d2l writes it."""
    torch = torch_peer.torch()
    eps = 1e-6
    for p, s in zip(params, states):
        with torch.no_grad():
            s[:] += torch.square(p.grad)
            p[:] -= hyperparams['lr'] * p.grad / torch.sqrt(s + eps)
        p.grad.data.zero_()


def torch_train_ch7(trainer_fn, hyperparams, features, labels, batch_size=10,
                    num_epochs=2):
    """train_ch7 in PyTorch, shaped as gluon_opt's loop: minibatches are
    slices of one shuffled copy per epoch; the loss on all data every 100
    examples (`.item()`, a cheap sync on the CPU). Returns the losses."""
    torch = torch_peer.torch()
    w = torch.normal(0, 0.01, size=(features.shape[1], 1), requires_grad=True)
    b = torch.zeros(1, requires_grad=True)
    states = [torch.zeros_like(w), torch.zeros_like(b)]

    def net(X):
        return X @ w + b

    def loss(y_hat, y):
        return (y_hat - y.reshape(y_hat.shape)) ** 2 / 2

    def eval_loss():
        with torch.no_grad():
            return loss(net(features), labels).mean().item()

    losses = [eval_loss()]
    num_examples = features.shape[0]
    for _ in range(num_epochs):
        order = torch.randperm(num_examples)
        X_all, y_all = features[order], labels[order]
        for batch_i, start in enumerate(range(0, num_examples, batch_size)):
            X, y = X_all[start:start + batch_size], y_all[start:start + batch_size]
            l = loss(net(X), y).mean()  # noqa: E741 (the book's name)
            l.backward()
            trainer_fn([w, b], states, hyperparams)
            if (batch_i + 1) * batch_size % 100 == 0:
                losses.append(eval_loss())
    return losses


def _torch_ch7(features, labels, num_epochs):
    torch = torch_peer.torch()
    torch.manual_seed(0)
    X = torch.from_numpy(features.asnumpy())
    y = torch.from_numpy(labels.asnumpy())
    start = time.perf_counter()
    losses = torch_train_ch7(torch_adagrad, {"lr": CH7_LR}, X, y,
                             CH7["batch_size"], num_epochs)
    return time.perf_counter() - start, losses[-1]


def ch7_variants(quick=False):
    """Variant names are fixed: the targets and the test refer to them."""
    features, labels = get_data_ch7()
    epochs = 1 if quick else CH7["num_epochs"]
    skip = torch_peer.skip_reason()
    return [
        Variant("book train_ch7 (DataLoader) + book adagrad",
                lambda: _book_ch7(features, labels, epochs)),
        Variant("gluon_opt run_ch7 + book adagrad",
                lambda: _ours_ch7(reference.adagrad, features, labels, epochs)),
        Variant("gluon_opt run_ch7 + gluon_opt adagrad",
                lambda: _ours_ch7(optimizers.adagrad, features, labels,
                                  epochs)),
        Variant("PyTorch train_ch7 + d2l torch adagrad",
                None if skip else lambda: _torch_ch7(features, labels, epochs),
                skip),
        *ch7_prototype_variants(features, labels, epochs),
    ]


# ---- (b) the seed experiment through optimize

SEED_RUN = dict(batch_size=10, num_epochs=3, decay_epoch=2, log_interval=10)


def _seed_setup(momentum=0.9, lr=0.2):
    set_seed(0)
    X, y = synthetic_linreg(1000, TRUE_W, TRUE_B)
    net = linear_net()
    trainer = gluon.Trainer(net.collect_params(), "sgd",
                            {"learning_rate": lr, "momentum": momentum})
    nd.waitall()
    return X, y, net, trainer


def _book_optimize(num_epochs):
    X, y, net, trainer = _seed_setup()
    start = time.perf_counter()
    losses = reference.optimize(trainer=trainer, X=X, y=y, net=net,
                                **dict(SEED_RUN, num_epochs=num_epochs))
    return time.perf_counter() - start, losses[-1]


def _ours_optimize(num_epochs):
    X, y, net, trainer = _seed_setup()
    start = time.perf_counter()
    history = optimize(trainer=trainer, X=X, y=y, net=net, plot=False,
                       verbose=False, **dict(SEED_RUN, num_epochs=num_epochs))
    return time.perf_counter() - start, history.losses[-1]


def optimize_variants(quick=False):
    epochs = 1 if quick else SEED_RUN["num_epochs"]
    return [
        Variant("book utils.optimize (2018, DataLoader, asnumpy per log)",
                lambda: _book_optimize(epochs)),
        Variant("gluon_opt.optimize", lambda: _ours_optimize(epochs)),
    ]


# ---- a reference that is not ours: the same AdaGrad step through one of
# MXNet's fused operators, driven by the same run_ch7, to show how much of a
# step the update's operator count is.

def fused_adagrad(params, states, hyperparams):
    """The book's AdaGrad step (ε = 1e-6) in two operators per parameter:
    s ← s + g², then MXNet's fused rmsprop_update with γ = 1, which leaves
    s as it is (γ·s + (1 − γ)·g² = s) and takes w ← w − η·g / sqrt(s + ε).
    Not part of the library (its scratch optimizers use no fused operator)."""
    for p, s in zip(params, states):
        s += p.grad.square()
        nd.rmsprop_update(p, p.grad, s, lr=hyperparams["lr"], gamma1=1.0,
                          epsilon=1e-6, out=p)


def ch7_prototype_variants(features, labels, epochs):
    return [Variant("gluon_opt run_ch7 + MXNet-fused AdaGrad (reference)",
                    lambda: _ours_ch7(fused_adagrad, features, labels, epochs),
                    note="update through nd.rmsprop_update, not library code")]
