"""Where the time of a small step goes: per-operator dispatch costs and the
anatomy of one train_ch7 step (batch 10, 5 features), in MXNet and PyTorch.

    python -m benchmarks.overhead [--repeats N]

prints a markdown section (docs/benchmarks.md quotes it). Every number is
the median over `repeats` interleaved runs of a loop of `calls` iterations,
reported per iteration in µs. The "empty loop" rows run the same number of
engine operators per step as a train_ch7 step, on (1,)-shaped arrays with
no autograd: the floor for a loop that dispatches that many operators.
"""
import argparse
import statistics
import time

import mxnet as mx
from mxnet import autograd, nd

from gluon_opt import optimizers
from gluon_opt.data import data_iter, get_data_ch7
from gluon_opt.linear_regression import linreg, squared_loss

from . import reference, torch_peer

CALLS = 300  # one epoch of 10 rows per batch, twice over: 300 steps


def engine_ops_per_step(update, num_epochs=1):
    """Engine operators per train_ch7 step, counted by MXNet's profiler:
    (total, forward+backward+logging share, update share)."""
    features, labels = get_data_ch7()
    params = [nd.random.normal(scale=0.01, shape=(5, 1)), nd.zeros(1)]
    for param in params:
        param.attach_grad()
    states = [nd.zeros((5, 1)), nd.zeros(1)]
    X, y = features[:10], labels[:10]

    def count(body):
        mx.profiler.set_config(profile_imperative=True, aggregate_stats=True,
                               filename="/dev/null")
        mx.profiler.dumps(reset=True)
        mx.profiler.set_state("run")
        for _ in range(10):
            body()
        nd.waitall()
        mx.profiler.set_state("stop")
        import json
        stats = json.loads(mx.profiler.dumps(format="json", reset=True))
        ops = stats["Time"].get("operator", {})
        skip = {"DeleteVariable", "WaitForVar"}
        return sum(s["Count"] for n, s in ops.items() if n not in skip) / 10

    def forward_backward():
        with autograd.record():
            loss = squared_loss(linreg(X, *params), y).mean()
        loss.backward()

    graph = count(forward_backward)
    forward_backward()
    step = count(lambda: update(params, states, {"lr": 0.1}))
    return graph, step


def _median_us(trials, repeats):
    """Interleave the trials `repeats` times; median µs per call of each."""
    seconds = {name: [] for name in trials}
    for _ in range(repeats):
        for name, trial in trials.items():
            nd.waitall()
            start = time.perf_counter()
            trial()
            nd.waitall()
            seconds[name].append((time.perf_counter() - start) / CALLS * 1e6)
    return {name: statistics.median(values) for name, values in seconds.items()}


def _loop(body):
    def trial():
        for _ in range(CALLS):
            body()
    return trial


def mxnet_trials(book_ops_per_step, ours_ops_per_step):
    features, labels = get_data_ch7()
    x, one = nd.zeros(1), nd.ones(1)
    w = nd.random.normal(scale=0.01, shape=(5, 1))
    b = nd.zeros(1)
    w.attach_grad()
    b.attach_grad()
    params, states = [w, b], [nd.zeros((5, 1)), nd.zeros(1)]
    X, y = features[:10], labels[:10]
    hyper = {"lr": 0.1}

    def forward_backward():
        with autograd.record():
            loss = squared_loss(linreg(X, w, b), y).mean()
        loss.backward()

    def slices():
        for batch in data_iter(10, features, labels):
            pass

    def log_point():
        squared_loss(linreg(features, w, b), labels).mean()

    forward_backward()
    return {
        "MXNet: one operator, `x += y` on (1,)": _loop(lambda: x.__iadd__(one)),
        "MXNet: one operator with a new result, `x + y`": _loop(lambda: x + one),
        "MXNet: `x[:] = x + y` (two operators and a slice)":
            _loop(lambda: x.__setitem__(slice(None), x + one)),
        "MXNet: forward + backward of the step (autograd)":
            _loop(forward_backward),
        "MXNet: update, gluon_opt adagrad (both params)":
            _loop(lambda: optimizers.adagrad(params, states, hyper)),
        "MXNet: update, the book's adagrad (both params)":
            _loop(lambda: reference.adagrad(params, states, hyper)),
        "MXNet: data_iter, per batch (shuffle once + 2 slices)":
            lambda: [slices() for _ in range(CALLS // 150)],
        "MXNet: the full loss at a log point (every 10th step)":
            _loop(log_point),
        f"MXNet: empty loop of {ours_ops_per_step:.0f} `x += y` "
        f"(a step's operators, gluon_opt adagrad)":
            _loop(lambda: [x.__iadd__(one)
                           for _ in range(round(ours_ops_per_step))]),
        f"MXNet: empty loop of {book_ops_per_step:.0f} `x += y` "
        f"(a step's operators, book adagrad)":
            _loop(lambda: [x.__iadd__(one)
                           for _ in range(round(book_ops_per_step))]),
    }


def optimize_trials():
    """The parts of one step of optimize on the seed experiment (Dense(1),
    L2Loss, gluon.Trainer sgd with momentum, the full loss every step)."""
    from mxnet import gluon
    from .chapter import _seed_setup
    X, y, net, trainer = _seed_setup()
    loss_fn = gluon.loss.L2Loss()
    Xb, yb = X[:10], y[:10]

    def forward_backward():
        with autograd.record():
            loss = loss_fn(net(Xb), yb)
        loss.backward()

    forward_backward()
    return {
        "optimize: forward + backward (Dense(1), L2Loss)":
            _loop(forward_backward),
        "optimize: forward + backward + trainer.step (sgd momentum)":
            _loop(lambda: (forward_backward(), trainer.step(10))),
        "optimize: the full loss, kept on the device (ours)":
            _loop(lambda: loss_fn(net(X), y).mean()),
        "optimize: the full loss with `.asnumpy()` (the book's)":
            _loop(lambda: loss_fn(net(X), y).mean().asnumpy()),
    }


def torch_trials(ops_per_step):
    torch = torch_peer.torch()
    if torch is None:
        return {}
    from .chapter import torch_adagrad
    features, labels = get_data_ch7()
    features = torch.from_numpy(features.asnumpy())
    labels = torch.from_numpy(labels.asnumpy())
    x, one = torch.zeros(1), torch.ones(1)
    w = torch.normal(0, 0.01, size=(5, 1), requires_grad=True)
    b = torch.zeros(1, requires_grad=True)
    states = [torch.zeros_like(w), torch.zeros_like(b)]
    X, y = features[:10], labels[:10]

    def forward_backward():
        loss = ((X @ w + b - y.reshape(-1, 1)) ** 2 / 2).mean()
        loss.backward()

    forward_backward()
    return {
        "PyTorch: one operator, `x += y` on (1,)": _loop(lambda: x.__iadd__(one)),
        "PyTorch: forward + backward of the step (autograd)":
            _loop(forward_backward),
        "PyTorch: update, d2l torch adagrad (both params)":
            _loop(lambda: torch_adagrad([w, b], states, {"lr": 0.1})),
        f"PyTorch: empty loop of {ops_per_step:.0f} `x += y`":
            _loop(lambda: [x.__iadd__(one) for _ in range(round(ops_per_step))]),
    }


def report(repeats=5):
    graph, ours_update = engine_ops_per_step(optimizers.adagrad)
    _, book_update = engine_ops_per_step(reference.adagrad)
    ours_ops, book_ops = graph + ours_update, graph + book_update
    trials = mxnet_trials(book_ops, ours_ops)
    trials.update(optimize_trials())
    trials.update(torch_trials(ours_ops))
    if torch_peer.torch() is not None:
        torch_peer.torch(1)  # tiny tensors: one thread, no barrier waits
    medians = _median_us(trials, repeats)
    lines = [
        f"Engine operators per train_ch7 step (MXNet profiler): forward + "
        f"backward {graph:.0f}, update {ours_update:.0f} with gluon_opt "
        f"adagrad, {book_update:.0f} with the book's adagrad; total "
        f"{ours_ops:.0f} and {book_ops:.0f} (plus the full loss, 6 operators, "
        f"every 10th step).", "",
        "| what (per call) | µs |", "|---|---:|"]
    lines += [f"| {name} | {us:,.1f} |" for name, us in medians.items()]
    return "\n".join(lines) + "\n"


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m benchmarks.overhead")
    parser.add_argument("--repeats", type=int, default=5)
    print(report(parser.parse_args(argv).repeats))


if __name__ == "__main__":
    main()
