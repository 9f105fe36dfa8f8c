"""Case (c): one epoch of the MNIST-shaped MLP (784-200-10, ReLU, batch 64,
SGD with momentum 0.9 and lr 0.01, softmax cross-entropy on 60,000 random
float32 rows): hybridized Gluon with gluon.Trainer, the project's study loop
(`gluon_opt.mnist.train_mnist`, scratch sgd_momentum), and PyTorch
(nn.Sequential, torch.optim.SGD) on the same number of threads."""
import time

import numpy as np
from mxnet import autograd, gluon, nd

from gluon_opt import data
from gluon_opt.mnist import train_mnist
from gluon_opt.mnist_data import MnistData
from gluon_opt.models import mlp
from gluon_opt.optimizers import sgd_momentum
from gluon_opt.seed import set_seed

from . import torch_peer
from .timing import Variant

ROWS, FEATURES, CLASSES = 60000, 784, 10
BATCH, LR, MOMENTUM = 64, 0.01, 0.9


def random_rows(rows, seed=0):
    """MNIST-shaped data: features uniform in [0, 1), labels 0-9 (float32)."""
    rng = np.random.RandomState(seed)
    features = rng.uniform(size=(rows, FEATURES)).astype(np.float32)
    labels = rng.randint(0, CLASSES, size=rows).astype(np.float32)
    return features, labels


def _gluon_trainer_epoch(features, labels):
    set_seed(0)
    net = mlp()
    trainer = gluon.Trainer(net.collect_params(), "sgd",
                            {"learning_rate": LR, "momentum": MOMENTUM})
    loss_fn = gluon.loss.SoftmaxCrossEntropyLoss()
    nd.waitall()
    start = time.perf_counter()
    pending = []
    for X, y in data.data_iter(BATCH, features, labels):
        with autograd.record():
            loss = loss_fn(net(X), y).mean()
        loss.backward()
        trainer.step(1)
        pending.append(loss)
    last = float(nd.concat(*pending, dim=0)[-1].asscalar())
    return time.perf_counter() - start, last


def _study_epoch(mnist):
    history = train_mnist(sgd_momentum, {"lr": LR, "momentum": MOMENTUM},
                          mnist, num_epochs=1, batch_size=BATCH,
                          log_every=1, seed=0)
    return history.epoch_seconds[0], history.losses[-1]


def fused_sgd_momentum(params, states, hyperparams):
    """The book's sgd_momentum step as MXNet's fused sgd_mom_update, one
    operator per parameter instead of four. The state holds MXNet's `mom`,
    the negative of the book's velocity (both start at 0, the weights come
    out the same)."""
    for param, mom in zip(params, states):
        nd.sgd_mom_update(param, param.grad, mom, lr=hyperparams["lr"],
                          momentum=hyperparams["momentum"], out=param)


def _fused_study_epoch(mnist):
    history = train_mnist(fused_sgd_momentum,
                          {"lr": LR, "momentum": MOMENTUM}, mnist,
                          num_epochs=1, batch_size=BATCH, log_every=1, seed=0)
    return history.epoch_seconds[0], history.losses[-1]


def _torch_epoch(features, labels, threads=None):
    torch = torch_peer.torch(threads)
    torch.manual_seed(0)
    net = torch.nn.Sequential(torch.nn.Linear(FEATURES, 200), torch.nn.ReLU(),
                              torch.nn.Linear(200, CLASSES))
    for layer in (net[0], net[2]):
        torch.nn.init.normal_(layer.weight, std=0.01)
        torch.nn.init.zeros_(layer.bias)
    optimizer = torch.optim.SGD(net.parameters(), lr=LR, momentum=MOMENTUM)
    loss_fn = torch.nn.CrossEntropyLoss()
    start = time.perf_counter()
    order = torch.randperm(features.shape[0])
    X_all, y_all = features[order], labels[order]
    losses = []
    for begin in range(0, features.shape[0], BATCH):
        X, y = X_all[begin:begin + BATCH], y_all[begin:begin + BATCH]
        optimizer.zero_grad()
        loss = loss_fn(net(X), y)
        loss.backward()
        optimizer.step()
        losses.append(loss.detach())
    last = float(losses[-1])
    return time.perf_counter() - start, last


def mlp_variants(quick=False):
    features, labels = random_rows(2000 if quick else ROWS)
    X, y = nd.array(features), nd.array(labels)
    mnist = MnistData(X, y, X[:100], y[:100], "random MNIST-shaped rows")
    skip = torch_peer.skip_reason()
    torch_trials = [None, None]
    if not skip:
        torch = torch_peer.torch()
        X_t, y_t = torch.from_numpy(features), torch.from_numpy(labels).long()
        torch_trials = [lambda: _torch_epoch(X_t, y_t),
                        lambda: _torch_epoch(X_t, y_t, threads=1)]
    return [
        Variant("PyTorch nn.Sequential + optim.SGD", torch_trials[0], skip,
                note="one thread per core, as MXNet"),
        Variant("PyTorch, 1 thread", torch_trials[1], skip,
                note="for reference: less exposed to other processes"),
        Variant("Gluon hybridized + gluon.Trainer sgd",
                lambda: _gluon_trainer_epoch(X, y)),
        Variant("gluon_opt train_mnist + scratch sgd_momentum",
                lambda: _study_epoch(mnist)),
        Variant("prototype: train_mnist + fused_sgd_momentum",
                lambda: _fused_study_epoch(mnist),
                note="prototype update in benchmarks/mlp.py"),
    ]
