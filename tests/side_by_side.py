"""MXNet's optimizer and ours, side by side through MXNet's Updater: the
configurations, and the comparison of weights and states (the equality
suite and the fast-path suite run them)."""
import mxnet as mx
import numpy as np
from mxnet import nd

from gluon_opt import optimizers

SHAPES = [(4, 3), (6, 2)]  # 2-D: GroupAdaGrad keeps one accumulator per row
STEPS = 25
RTOL, ATOL = 1e-4, 1e-5
CONFIGS = ["defaults", "wd_rescale_clip", "lr_scheduler", "param_mults",
           "multi_precision", "row_sparse", "variants"]


def make_kwargs(case, config):
    """Fresh keyword arguments (a scheduler is stateful: one per optimizer).
    Where MXNet refuses weight decay (see the case's refusals), the
    configuration runs without it."""
    lr = case.learning_rate
    sparse = config.startswith("row_sparse")
    if config in ("defaults", "variants"):
        return {}
    if config == "wd_rescale_clip":
        kwargs = {"learning_rate": lr, "wd": 0.05, "rescale_grad": 0.7,
                  "clip_gradient": 0.8}
    elif config == "lr_scheduler":
        kwargs = {"learning_rate": lr, "lr_scheduler":
                  mx.lr_scheduler.FactorScheduler(step=4, factor=0.7, base_lr=lr)}
        if case.takes_momentum:
            kwargs["momentum"] = 0.9  # LARS corrects it when the rate drops
    elif config == "param_mults":
        kwargs = {"learning_rate": lr, "wd": 0.05,
                  "param_idx2name": {0: "dense0_weight", 1: "dense0_bias"}}
    elif config == "multi_precision":
        kwargs = {"learning_rate": lr, "multi_precision": True}
    elif sparse:
        # weight decay shows whether absent rows move
        kwargs = {"learning_rate": lr, "wd": 0.05}
        if case.takes_momentum:
            kwargs["momentum"] = 0.9
        if config == "row_sparse_standard":
            kwargs["lazy_update"] = False
    else:
        raise AssertionError(config)
    if "wd" in kwargs and case.mxnet_refusal(kwargs, sparse):
        kwargs["wd"] = 0.0
    return kwargs


def configurations(case):
    """(config, extra options, id, the reason MXNet cannot run it or None)
    for every configuration of the case."""
    for config in CONFIGS:
        if config != "variants":
            yield config, {}, config, None
            continue
        numbers = {False: 0, True: 0}
        for extra in case.variants:
            refusal = case.mxnet_refusal(extra)
            label = "unsupported" if refusal else "variant"
            yield config, extra, f"{label}{numbers[bool(refusal)]}", refusal
            numbers[bool(refusal)] += 1
    if case.lazy_update:  # its standard update on a row_sparse gradient
        yield "row_sparse_standard", {}, "row_sparse_standard", None


def gradient(rng, shape, dtype, sparse):
    """A random gradient; row_sparse with about half of the rows present."""
    values = rng.normal(size=shape)
    if not sparse:
        return lambda: nd.array(values, dtype=dtype)
    present = rng.rand(shape[0]) < 0.5
    values[~present] = 0
    return lambda: nd.array(values, dtype=dtype).tostype("row_sparse")


def assert_same_state(theirs, ours, message, rtol=RTOL, atol=ATOL):
    """Same layout (None, tuples, order), dtype, storage type and values."""
    if theirs is None or ours is None:
        assert theirs is None and ours is None, f"{message}: {theirs!r} vs {ours!r}"
        return
    if isinstance(theirs, (tuple, list)):
        assert isinstance(ours, type(theirs)), f"{message}: {type(ours)}"
        assert len(ours) == len(theirs), f"{message}: length {len(ours)}"
        for number, (one_theirs, one_ours) in enumerate(zip(theirs, ours)):
            assert_same_state(one_theirs, one_ours, f"{message}[{number}]",
                              rtol, atol)
        return
    assert ours.dtype == theirs.dtype, f"{message}: dtype {ours.dtype}"
    assert ours.stype == theirs.stype, f"{message}: stype {ours.stype}"
    assert ours.shape == theirs.shape, f"{message}: shape {ours.shape}"
    np.testing.assert_allclose(ours.asnumpy(), theirs.asnumpy(), rtol=rtol,
                               atol=atol, err_msg=message)


def run_side_by_side(case, config, extra, seed=0, steps=STEPS, check=True,
                     ours_options=None):
    """Step MXNet's optimizer and ours; compare weights and states after each
    step. `ours_options` go to ours alone (fast=True). Returns our weights."""
    name = case.name
    rng = np.random.RandomState(seed)
    dtype = "float16" if config == "multi_precision" else "float32"
    sparse = config.startswith("row_sparse")
    start = [rng.normal(size=shape) for shape in SHAPES]
    kwargs_theirs = {**make_kwargs(case, config), **extra}
    kwargs_ours = {**make_kwargs(case, config), **extra, **(ours_options or {})}
    theirs = mx.optimizer.create(name, **kwargs_theirs)
    ours = optimizers.create(name, **kwargs_ours)
    assert not isinstance(ours, type(theirs))
    if config == "param_mults":
        for opt in (theirs, ours):
            opt.set_lr_mult({"dense0_weight": 0.5, "dense0_bias": 2.0})
            if kwargs_theirs["wd"]:
                opt.set_wd_mult({"dense0_weight": 3.0})
    updaters = mx.optimizer.get_updater(theirs), mx.optimizer.get_updater(ours)
    weights = [[nd.array(w, dtype=dtype) for w in start] for _ in range(2)]
    indices = list(range(len(SHAPES)))
    for step in range(steps):
        grads = [gradient(rng, shape, dtype, sparse) for shape in SHAPES]
        for updater, side in zip(updaters, weights):
            mx.random.seed(1000 + step)  # SGLD's noise: the same on both sides
            # each side gets its own copy: MXNet's AdaDelta scales it in place
            updater(list(indices), [make() for make in grads], side)
        if not check:
            continue
        for index in indices:
            message = f"{name} {config} {extra} step {step + 1} weight {index}"
            theirs_w, ours_w = weights[0][index], weights[1][index]
            if dtype == "float16":  # the float32 master copies are in the state
                np.testing.assert_allclose(
                    ours_w.asnumpy(), theirs_w.asnumpy(), rtol=2e-3, atol=1e-3,
                    err_msg=message)
            else:
                np.testing.assert_allclose(
                    ours_w.asnumpy(), theirs_w.asnumpy(), rtol=RTOL, atol=ATOL,
                    err_msg=message)
            assert_same_state(updaters[0].states[index],
                              updaters[1].states[index], f"{message} state")
    return weights[1]


