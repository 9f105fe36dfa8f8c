"""Data-parallel training with gluon.Trainer, the same code on one process or many.

`train(...)` steps a Gluon network over the data in global batches of
`batch_size` rows, in an order fixed by `seed`. On one process it takes each
whole batch. As a worker of a distributed job (kvstore 'dist_sync', ...) it
takes its own shard of every batch, rows [rank·b, (rank+1)·b) with
b = batch_size / num_workers, and the kvstore sums the workers' gradients.
Within a process the rows are split again over `ctx` (several devices).

Both call `trainer.step(batch_size)` with the *global* batch size: the summed
gradient is a sum over the whole batch, so rescale_grad = 1/batch_size makes
it the same mean gradient that one process computes. (Stepping with the
worker's own batch size would multiply the learning rate by the number of
workers.) So dist_sync training is single-process training, up to the order
in which floats are summed: the tests hold the weights equal within 1e-5.

Run as a program on every worker of a job:

    gluon-opt launch -n 2 -s 1 -- python -m gluon_opt.distributed.train \\
        regression --optimizer adam --optimizer-params '{"learning_rate": 0.01}' \\
        --out weights/

Each worker writes OUT/worker-RANK.json (its run) and OUT/worker-RANK.npz
(its weights, by parameter order).
"""
import argparse
import dataclasses
import json
import os
import sys
import time

import mxnet as mx
import numpy as np
from mxnet import autograd, gluon, init, nd
from mxnet.gluon import nn

from .. import _checks, atomic, data
from ..optimizers import create
from ..seed import set_seed


@dataclasses.dataclass
class Run:
    """One process's training: final weights (NumPy, in parameter order),
    its rank and the number of workers (0 and 1 on one process), the mean
    training loss of each step (this process's shard), seconds per epoch,
    and the evaluation accuracy and the data's source where the task has them."""
    weights: list
    rank: int
    num_workers: int
    losses: list
    seconds_per_epoch: float
    test_accuracy: float = float("nan")
    data_source: str = ""


def regression_data(num_examples, num_inputs=5, seed=0):
    """Features and noisy targets of a fixed random linear map (float32)."""
    rng = np.random.RandomState(seed)
    features = rng.normal(size=(num_examples, num_inputs)).astype(np.float32)
    true_w = rng.normal(size=(num_inputs, 1)).astype(np.float32)
    labels = features @ true_w + 0.1 * rng.normal(size=(num_examples, 1))
    return nd.array(features), nd.array(labels.astype(np.float32))


def regression_net(num_inputs=5, num_hidden=8):
    """A two-layer perceptron for the regression task, drawn from the seed."""
    net = nn.HybridSequential()
    net.add(nn.Dense(num_hidden, activation="tanh", in_units=num_inputs),
            nn.Dense(1, in_units=num_hidden))
    net.initialize(init.Normal(sigma=0.5))
    return net


def _as_kvstore(kvstore):
    """A kvstore object for the dist types (to learn rank and size first)."""
    if isinstance(kvstore, str) and kvstore.startswith("dist"):
        return mx.kv.create(kvstore)
    return kvstore


def _make_optimizer(optimizer, optimizer_params):
    if isinstance(optimizer, str):
        return create(optimizer, **(optimizer_params or {}))
    if not isinstance(optimizer, mx.optimizer.Optimizer):
        raise TypeError(f"optimizer must be a scratch optimizer's name such "
                        f"as 'adam' or an mx.optimizer.Optimizer, got "
                        f"{type(optimizer).__name__}")
    if optimizer_params:
        raise ValueError("optimizer_params must be None when optimizer is an "
                         "Optimizer object: give its arguments to it")
    return optimizer


def _put_weights_on_kvstore(trainer, batch_size):
    """Initialize the kvstore with the weights, and wait, before any gradient.

    gluon.Trainer does this inside its first step(), after the first
    backward pass, and then (MXNet 1.9, dist_sync, update_on_kvstore=False)
    nothing orders the pull of the initial weights after the push of the
    first gradients: measured, in about one run of three a worker started
    from the servers' sum of gradients instead of the weights, and diverged.
    """
    # step() sets rescale_grad before the optimizer goes to the servers, and
    # refuses to change it afterwards: set it first, as step() would.
    trainer._optimizer.rescale_grad = trainer._scale / batch_size
    trainer._init_kvstore()
    if trainer._params_to_init:
        trainer._init_params()
    nd.waitall()


def train(net, loss_fn, features, labels, optimizer, optimizer_params=None, *,
          batch_size, num_epochs=1, max_steps=None, kvstore="device",
          update_on_kvstore=None, ctx=None, seed=0):
    """Train `net` data-parallel; return this process's Run.

    optimizer: a scratch optimizer's name (with optimizer_params, its
    keyword arguments) or an Optimizer object. kvstore: a gluon.Trainer
    kvstore ('device', 'local', 'dist_sync', 'dist_async', ... or None).
    The rows of each epoch are shuffled with `seed` + epoch, identically on
    every worker; a last batch smaller than batch_size is dropped so that
    every shard has the same size. `max_steps` stops early.
    """
    batch_size = _checks.check_int("batch_size", batch_size, minimum=1)
    num_epochs = _checks.check_int("num_epochs", num_epochs, minimum=1)
    max_steps = _checks.check_optional_int("max_steps", max_steps, minimum=1)
    _checks.check_features_labels(features, labels)
    ctx = list(ctx) if ctx else [mx.cpu()]
    kvstore = _as_kvstore(kvstore)
    is_dist = isinstance(kvstore, mx.kv.KVStore) and "dist" in kvstore.type
    rank, num_workers = (kvstore.rank, kvstore.num_workers) if is_dist else (0, 1)
    shard_size, leftover = divmod(batch_size, num_workers)
    if leftover or shard_size % len(ctx):
        raise ValueError(
            f"batch_size must split evenly over {num_workers} worker(s) and "
            f"{len(ctx)} device(s) each, got {batch_size}")
    if features.shape[0] < batch_size:
        raise ValueError(f"batch_size {batch_size} is more than the "
                         f"{features.shape[0]} rows of features")
    net.collect_params().reset_ctx(ctx)
    trainer = gluon.Trainer(net.collect_params(),
                            _make_optimizer(optimizer, optimizer_params),
                            kvstore=kvstore, update_on_kvstore=update_on_kvstore)
    if is_dist:
        _put_weights_on_kvstore(trainer, batch_size)
    losses, epoch_seconds, step = [], [], 0
    for epoch in range(num_epochs):
        start = time.perf_counter()
        order = np.random.RandomState(seed + epoch).permutation(features.shape[0])
        for first in range(0, features.shape[0] - batch_size + 1, batch_size):
            rows = order[first + rank * shard_size:first + (rank + 1) * shard_size]
            index = nd.array(rows)
            X = gluon.utils.split_and_load(features.take(index), ctx)
            y = gluon.utils.split_and_load(labels.take(index), ctx)
            with autograd.record():
                batch_losses = [loss_fn(net(X_part), y_part)
                                for X_part, y_part in zip(X, y)]
            for loss in batch_losses:
                loss.backward()
            trainer.step(batch_size)
            # Python floats: the float64 sum NumPy 1 made of the float32
            # scalars (NumPy 2 keeps float32, which json refuses).
            losses.append(sum(float(loss.sum().asscalar())
                              for loss in batch_losses) / shard_size)
            step += 1
            if max_steps is not None and step >= max_steps:
                break
        nd.waitall()
        epoch_seconds.append(time.perf_counter() - start)
        if max_steps is not None and step >= max_steps:
            break
    weights = [param.data(ctx[0]).asnumpy()
               for param in net.collect_params().values()]
    return Run(weights, rank, num_workers, losses, float(np.mean(epoch_seconds)))


def train_regression(optimizer, optimizer_params=None, *, steps=20,
                     batch_size=32, kvstore="device", update_on_kvstore=None,
                     ctx=None, seed=0):
    """`steps` steps on the regression task from weights drawn with `seed`."""
    steps = _checks.check_int("steps", steps, minimum=1)
    features, labels = regression_data(steps * batch_size, seed=seed)
    set_seed(seed)
    net = regression_net()
    return train(net, gluon.loss.L2Loss(), features, labels, optimizer,
                 optimizer_params, batch_size=batch_size, max_steps=steps,
                 kvstore=kvstore, update_on_kvstore=update_on_kvstore,
                 ctx=ctx, seed=seed)


def train_mnist(optimizer, optimizer_params=None, *, batch_size=64,
                num_epochs=2, kvstore="device", update_on_kvstore=None,
                num_train=None, seed=0):
    """The MNIST MLP (784-200-10) of `gluon_opt.models`, data-parallel, on the
    MNIST test split the package ships (its first 8,000 shuffled images to
    train on, the other 2,000 for the Run's test_accuracy)."""
    from ..mnist import accuracy
    from ..mnist_data import load_mnist
    from ..models import mlp
    # Always the split the package ships (never a download, whatever
    # GLUON_OPT_DATA holds): every worker and every run sees the same images.
    mnist = load_mnist(folder=data.SHIPPED_DIR, download=False)
    features, labels = mnist.train_features, mnist.train_labels
    if num_train is not None:
        features, labels = features[:num_train], labels[:num_train]
    set_seed(seed)
    net = mlp()
    loss_fn = gluon.loss.SoftmaxCrossEntropyLoss()
    run = train(net, loss_fn, features, labels, optimizer, optimizer_params,
                batch_size=batch_size, num_epochs=num_epochs, kvstore=kvstore,
                update_on_kvstore=update_on_kvstore, seed=seed)
    run.test_accuracy = accuracy(net, mnist.eval_features, mnist.eval_labels)
    run.data_source = mnist.source
    return run


def save_run(run, out):
    """Write OUT/worker-RANK.json (the numbers) and .npz (the weights)."""
    stem = os.path.join(out, f"worker-{run.rank}")
    summary = {key: value for key, value in dataclasses.asdict(run).items()
               if key != "weights"}
    atomic.write_json(stem + ".json", summary)
    with atomic.atomic_path(stem + ".npz") as partial:
        with open(partial, "wb") as stream:
            np.savez(stream, *run.weights)


def load_runs(out):
    """The Runs that the workers saved in OUT, by rank."""
    runs = []
    for name in sorted(os.listdir(out)):
        if name.startswith("worker-") and name.endswith(".json"):
            stem = os.path.join(out, name[:-len(".json")])
            with open(stem + ".json", encoding="utf-8") as stream:
                summary = json.load(stream)
            with np.load(stem + ".npz") as arrays:
                weights = [arrays[f"arr_{k}"] for k in range(len(arrays.files))]
            runs.append(Run(weights=weights, **summary))
    return sorted(runs, key=lambda run: run.rank)


def build_parser():
    parser = argparse.ArgumentParser(
        prog="python -m gluon_opt.distributed.train",
        description="Train on this worker of a gluon-opt launch job.")
    parser.add_argument("task", choices=["regression", "mnist"])
    parser.add_argument("--optimizer", required=True,
                        help="a scratch optimizer's name, e.g. adam, lars")
    parser.add_argument("--optimizer-params", type=json.loads, default={},
                        help='its keyword arguments as JSON, e.g. '
                             '\'{"learning_rate": 0.01}\'')
    parser.add_argument("--kvstore", default="dist_sync")
    parser.add_argument("--update-on-kvstore", type=int, choices=[0, 1],
                        default=None, help="1: the servers run the optimizer;"
                                           " 0: the workers do")
    parser.add_argument("--batch-size", type=int, default=32,
                        help="the global batch (all workers together)")
    parser.add_argument("--steps", type=int, default=20, help="regression only")
    parser.add_argument("--epochs", type=int, default=2, help="mnist only")
    parser.add_argument("--num-train", type=int, default=None,
                        help="mnist only: the first N training images")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", required=True,
                        help="folder for worker-RANK.json and .npz")
    return parser


def main(argv=None):
    args = build_parser().parse_args(argv)
    update = None if args.update_on_kvstore is None else bool(args.update_on_kvstore)
    common = dict(batch_size=args.batch_size, kvstore=args.kvstore,
                  update_on_kvstore=update, seed=args.seed)
    if args.task == "regression":
        run = train_regression(args.optimizer, args.optimizer_params,
                               steps=args.steps, **common)
    else:
        run = train_mnist(args.optimizer, args.optimizer_params,
                          num_epochs=args.epochs, num_train=args.num_train,
                          **common)
    save_run(run, args.out)
    print(f"rank {run.rank} of {run.num_workers}: {len(run.losses)} steps, "
          f"last loss {run.losses[-1]:.6g}, {run.seconds_per_epoch:.3f} s "
          f"per epoch", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
