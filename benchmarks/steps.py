"""Case (d): one optimizer step on 16M float32 parameters (a 4096 x 4096
weight), for SGD with momentum, AdaGrad and Adam.

Variants: our readable Optimizer classes (`update`), their fast path of the
same math (`fast=True`: scratch buffers kept on the optimizer, every operator
in place, the square root in NumPy on shared memory; see
gluon_opt/optimizers/fast.py), MXNet's fused operator (the baseline),
MXNet's own Optimizer class where it has no dense fused operator (AdaGrad),
and PyTorch's single-tensor, foreach and fused implementations.

Why the fast path is shaped so (measured on 2 cores, 16M float32): an
operator that allocates its result costs about 40 ms (fresh memory is
faulted in page by page), the same operator with `out=` or in place about
6-12 ms; nd.sqrt costs about 67 ms even in place (MXNet's kernel is not
vectorized; PyTorch's takes 13 ms), so a step that needs a square root
cannot come near a fused operator that computes it inside.
"""
import statistics
import time

import mxnet as mx
from mxnet import nd

from gluon_opt import optimizers
from gluon_opt._factory import unknown_name_error

from . import torch_peer
from .timing import Variant, per_call

SHAPE = (4096, 4096)
LR, MOMENTUM = 0.01, 0.9
ADAGRAD_EPS = 1e-7
BETA1, BETA2, ADAM_EPS = 0.9, 0.999, 1e-8


# ---- the variants

def _mx_arrays(shape, states):
    weight = nd.random.normal(shape=shape)
    grad = nd.random.normal(shape=shape)
    return weight, grad, [nd.zeros(shape) for _ in range(states)]


def _scratch_class(name, shape, calls, **kwargs):
    optimizer = optimizers.create(name, **kwargs)
    weight, grad, _ = _mx_arrays(shape, 0)
    state = optimizer.create_state(0, weight)
    return per_call(lambda: optimizer.update(0, weight, grad, state), calls)


def _mxnet_class(name, shape, calls, **kwargs):
    import mxnet as mx
    optimizer = mx.optimizer.create(name, **kwargs)
    weight, grad, _ = _mx_arrays(shape, 0)
    state = optimizer.create_state(0, weight)
    return per_call(lambda: optimizer.update(0, weight, grad, state), calls)


def _torch_step(name, shape, calls, **kwargs):
    torch = torch_peer.torch()
    param = torch.nn.Parameter(torch.randn(*shape))
    param.grad = torch.randn(*shape)
    optimizer = getattr(torch.optim, name)([param], **kwargs)
    return per_call(optimizer.step, calls)


def _torch_variants(name, shape, calls, options, **kwargs):
    skip = torch_peer.skip_reason()
    variants = []
    for label, flags in options:
        trial = None if skip else _lazy(_torch_step, name, shape, calls,
                                        **flags, **kwargs)
        variants.append(Variant(f"PyTorch {name} ({label})", trial, skip))
    return variants


def _lazy(make, *args, **kwargs):
    """A trial whose arrays are made at its first call (so that a case with
    --only elsewhere allocates nothing); later calls reuse them."""
    made = []

    def trial():
        if not made:
            made.append(make(*args, **kwargs))
        return made[0]()
    return trial


TORCH_KINDS = (("single tensor", {"foreach": False}),
               ("foreach", {"foreach": True}),
               ("fused", {"fused": True}))


def sgd_variants(shape=SHAPE, calls=3):
    def fused():
        weight, grad, (mom,) = _mx_arrays(shape, 1)
        return per_call(lambda: nd.sgd_mom_update(
            weight, grad, mom, lr=LR, momentum=MOMENTUM, out=weight), calls)

    return [
        Variant("MXNet sgd_mom_update (fused)", _lazy(fused)),
        Variant("scratch SGD.update (readable)",
                _lazy(_scratch_class, "sgd", shape, calls,
                      learning_rate=LR, momentum=MOMENTUM)),
        Variant("scratch SGD, fast=True",
                _lazy(_scratch_class, "sgd", shape, calls, learning_rate=LR,
                      momentum=MOMENTUM, fast=True)),
        *_torch_variants("SGD", shape, calls, TORCH_KINDS, lr=LR,
                         momentum=MOMENTUM),
    ]


def adagrad_variants(shape=SHAPE, calls=3):
    def fused():
        weight, grad, (history,) = _mx_arrays(shape, 1)
        # MXNet's only AdaGrad kernel takes a row_sparse gradient; converted
        # once here (a sparse model's gradient arrives in that form).
        sparse_grad = grad.tostype("row_sparse")
        return per_call(lambda: nd.sparse.adagrad_update(
            weight, sparse_grad, history, out=weight, lr=LR,
            epsilon=ADAGRAD_EPS), calls)

    return [
        Variant("MXNet sparse.adagrad_update (fused, row_sparse grad)",
                _lazy(fused)),
        Variant("scratch AdaGrad.update (readable)",
                _lazy(_scratch_class, "adagrad", shape, calls,
                      learning_rate=LR, eps=ADAGRAD_EPS)),
        Variant("scratch AdaGrad, fast=True",
                _lazy(_scratch_class, "adagrad", shape, calls,
                      learning_rate=LR, eps=ADAGRAD_EPS, fast=True)),
        Variant("MXNet AdaGrad.update (its dense path: NDArray ops)",
                _lazy(_mxnet_class, "adagrad", shape, calls,
                      learning_rate=LR, eps=ADAGRAD_EPS)),
        *_torch_variants("Adagrad", shape, calls, TORCH_KINDS, lr=LR),
    ]


def adam_variants(shape=SHAPE, calls=3):
    def fused():
        weight, grad, (mean, mean_square) = _mx_arrays(shape, 2)
        return per_call(lambda: nd.adam_update(
            weight, grad, mean, mean_square, out=weight, lr=LR, beta1=BETA1,
            beta2=BETA2, epsilon=ADAM_EPS), calls)

    return [
        Variant("MXNet adam_update (fused)", _lazy(fused)),
        Variant("scratch Adam.update (readable)",
                _lazy(_scratch_class, "adam", shape, calls, learning_rate=LR)),
        Variant("scratch Adam, fast=True",
                _lazy(_scratch_class, "adam", shape, calls, learning_rate=LR,
                      fast=True)),
        *_torch_variants("Adam", shape, calls, TORCH_KINDS, lr=LR),
    ]


# ---- one step per path, quickly: the fast path against the readable one
# and MXNet's own optimizer class (which calls the fused sgd_mom_update and
# adam_update; MXNet's AdaGrad is NDArray arithmetic)

ALGORITHMS = {
    "sgd": {"momentum": 0.9, "learning_rate": 0.1},
    "adagrad": {"learning_rate": 0.1},
    "adam": {"learning_rate": 0.001},
}
PATHS = ("readable", "fast", "mxnet")


def make_stepper(name, size, path, **kwargs):
    """A function that takes one optimizer step on `size` float32 parameters
    and waits for it, with MXNet's Updater state created beforehand."""
    if name not in ALGORITHMS:
        raise unknown_name_error(name, ALGORITHMS)
    if path not in PATHS:
        raise unknown_name_error(path, PATHS, argument="path")
    options = {**ALGORITHMS[name], **kwargs}
    if path == "mxnet":
        optimizer = mx.optimizer.create(name, **options)
    else:
        optimizer = optimizers.create(name, fast=path == "fast", **options)
    weight = nd.random.normal(shape=(size,))
    grad = nd.random.normal(shape=(size,))
    state = optimizer.create_state(0, weight)
    nd.waitall()

    def step():
        optimizer.update(0, weight, grad, state)
        nd.waitall()
    step()  # the first step creates the workspace
    return step


def time_step(name, size=16 * 2 ** 20, paths=PATHS, repeat=7, **kwargs):
    """Median milliseconds of one step per path, runs interleaved.

    Returns {path: ms}. kwargs go to every optimizer (e.g. wd=1e-4).
    """
    steppers = {path: make_stepper(name, size, path, **kwargs) for path in paths}
    times = {path: [] for path in paths}
    for _ in range(repeat):
        for path, step in steppers.items():
            start = time.perf_counter()
            step()
            times[path].append((time.perf_counter() - start) * 1e3)
    return {path: statistics.median(values) for path, values in times.items()}
