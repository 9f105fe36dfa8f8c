"""Through gluon.Trainer: sparse embeddings, and states saved by MXNet's
optimizer and loaded into ours (and back), training on identically.

`nn.Embedding(..., sparse_grad=True)` gives row_sparse gradients: MXNet's
SGD and Adam update only the rows present (lazy_update=True), so rows that
are not looked up stay where they are even with weight decay.

`Trainer.save_states` pickles the updater's states together with its
optimizer; `load_states` restores both. To continue with the other
optimizer, the test puts it in the file in place of the saved one, with the
saved update counts: the states themselves (order, sign, dtype, storage
type) must fit it as they are.
"""
import copy
import pickle

import mxnet as mx
import numpy as np
import pytest
from mxnet import autograd, gluon, nd
from mxnet.gluon import nn

from gluon_opt import optimizers
from optimizer_cases import CASES, WITH_MXNET
from side_by_side import assert_same_state

VOCABULARY, DIM = 10, 4
LOOKED_UP = 6  # the batches use rows 0..5; rows 6..9 are never looked up


def embedding_run(optimizer, kwargs, steps=3):
    """Train an embedding with a sparse gradient; its weight after each step."""
    mx.random.seed(0)
    net = nn.Embedding(VOCABULARY, DIM, sparse_grad=True)
    net.initialize(mx.init.Normal(1.0))
    trainer = gluon.Trainer(net.collect_params(), optimizer, kwargs)
    rng = np.random.RandomState(0)
    history = [net.weight.data().asnumpy()]
    for _ in range(steps):
        tokens = nd.array(rng.randint(0, LOOKED_UP, size=(5,)))
        with autograd.record():
            loss = (net(tokens) ** 2).sum()
        loss.backward()
        assert net.weight.grad().stype == "row_sparse"
        trainer.step(5)
        history.append(net.weight.data().asnumpy())
    return history


@pytest.mark.parametrize("name, kwargs, fast", [
    pytest.param(name, kwargs, fast,
                 id=f"{name}-{'-'.join(kwargs)}{'-fast' if fast else ''}")
    for case in WITH_MXNET for kwargs in case.embedding
    for fast in ((False, True) if case.fast_path else (False,))
    for name in [case.name]])
def test_sparse_embedding_trains_as_with_mxnets_optimizer(name, kwargs, fast):
    extra = {"fast": True} if fast else {}
    theirs = embedding_run(name, kwargs)
    ours = embedding_run(optimizers.create(name, **kwargs, **extra), None)
    for step, (want, got) in enumerate(zip(theirs, ours)):
        np.testing.assert_allclose(got, want, rtol=1e-4, atol=1e-5,
                                   err_msg=f"{name} {kwargs} step {step}")


@pytest.mark.parametrize("name", [case.name for case in CASES
                                  if case.lazy_update and case.embedding])
def test_lazy_update_leaves_rows_not_looked_up_alone(name):
    kwargs = {"learning_rate": 0.1, "wd": 0.1}
    start, *_, lazy = embedding_run(optimizers.create(name, **kwargs), None)
    *_, standard = embedding_run(optimizers.create(name, lazy_update=False,
                                                   **kwargs), None)
    np.testing.assert_array_equal(lazy[LOOKED_UP:], start[LOOKED_UP:])
    # the standard update decays them (and the rows looked up move either way)
    assert np.abs(standard[LOOKED_UP:] - start[LOOKED_UP:]).min() > 0
    assert np.abs(lazy[:LOOKED_UP] - start[:LOOKED_UP]).max() > 0


def test_adagrad_refuses_weight_decay_with_a_sparse_gradient_as_mxnet():
    with pytest.raises(mx.base.MXNetError):
        embedding_run("adagrad", {"learning_rate": 0.1, "wd": 0.1})
    with pytest.raises(ValueError, match="wd must be 0 for AdaGrad with a row_sparse"):
        embedding_run(optimizers.create("adagrad", learning_rate=0.1, wd=0.1), None)


def test_lbsgd_refuses_to_sum_sparse_gradients():
    optimizer = optimizers.create("lbsgd", batch_scale=2, momentum=0.9)
    with pytest.raises(ValueError, match="batch_scale must be 1 for a row_sparse"):
        embedding_run(optimizer, None)


# ---- states: MXNet's optimizer -> ours and back

# float16 weights with float32 master copies where the case says so:
# (momentum, weight32) for SGD, NAG and LARS, (weight32, state) for the
# others, as in MXNet.
ROUND_TRIP_CASES = (
    [pytest.param(case, "float32", id=case.name) for case in WITH_MXNET]
    + [pytest.param(case, "float16", id=f"{case.name}-multi_precision")
       for case in WITH_MXNET if case.round_trip_multi_precision])
# What MXNet's base class counts (and Nadam's running product), carried over
# with the states: the number of updates is the optimizer's, not the state's.
BOOKKEEPING = ("num_update", "_all_index_update_counts", "m_schedule")


class TwoLayers(gluon.Block):
    """x ↦ (x·W₁)·W₂ written with broadcasting, which MXNet's CPU operators
    run in float16 as well (its CPU dot and Dense do not); 2-D weights only,
    as GroupAdaGrad needs."""

    def __init__(self):
        super().__init__()
        self.first = self.params.get("first_weight", shape=(4, 3))
        self.second = self.params.get("second_weight", shape=(3, 1))

    @staticmethod
    def _matmul(x, weight):
        return nd.broadcast_mul(x.expand_dims(2), weight.expand_dims(0)).sum(axis=1)

    def forward(self, x):
        return self._matmul(self._matmul(x, self.first.data()), self.second.data())


def make_net(seed, dtype):
    mx.random.seed(seed)
    net = TwoLayers()
    net.initialize(mx.init.Normal(0.5))
    net.cast(dtype)
    return net


def train(net, trainer, rng_seed, steps, dtype):
    rng = np.random.RandomState(rng_seed)
    loss_fn = gluon.loss.L2Loss()
    for step in range(steps):
        features = nd.array(rng.normal(size=(8, 4)), dtype=dtype)
        labels = nd.array(rng.normal(size=(8, 1)), dtype=dtype)
        with autograd.record():
            loss = loss_fn(net(features), labels)
        loss.backward()
        mx.random.seed(100 + step)  # SGLD's noise: the same on both sides
        trainer.step(8)


def with_optimizer(path, optimizer, new_path):
    """Write the states file at `path` again with `optimizer` in place of the
    one saved, carrying the saved update counts."""
    with open(path, "rb") as source:
        states, saved = pickle.loads(source.read())
    for attribute in BOOKKEEPING:
        if hasattr(saved, attribute) and hasattr(optimizer, attribute):
            setattr(optimizer, attribute, copy.deepcopy(getattr(saved, attribute)))
    optimizer._index_update_count = optimizer._all_index_update_counts[0]
    with open(new_path, "wb") as target:
        target.write(pickle.dumps((states, optimizer)))


def saved_states(trainer, path):
    """The updater states a Trainer saves (without its optimizer)."""
    trainer.save_states(str(path))
    with open(path, "rb") as source:
        return pickle.loads(source.read())[0]


@pytest.mark.parametrize("direction", ["mxnet_to_ours", "ours_to_mxnet"])
@pytest.mark.parametrize("case, dtype", ROUND_TRIP_CASES)
def test_saved_states_load_into_the_other_optimizer(case, dtype, direction,
                                                    tmp_path):
    name = case.name
    kwargs = dict(case.round_trip, multi_precision=dtype == "float16")
    mxnets, ours = name, optimizers.MXNET_PREFIX + name
    first, second = (mxnets, ours) if direction == "mxnet_to_ours" else (ours, mxnets)
    # run 1: 3 steps with the first optimizer, saved, then 3 more
    net = make_net(0, dtype)
    trainer = gluon.Trainer(net.collect_params(), first, dict(kwargs))
    train(net, trainer, rng_seed=1, steps=3, dtype=dtype)
    trainer.save_states(str(tmp_path / "saved.states"))
    weights_at_save = [p.data().copy() for p in net.collect_params().values()]
    train(net, trainer, rng_seed=2, steps=3, dtype=dtype)
    # run 2: from the saved weights and states, 3 steps with the other one
    other_net = make_net(1, dtype)
    for param, weight in zip(other_net.collect_params().values(), weights_at_save):
        param.set_data(weight)
    other = gluon.Trainer(other_net.collect_params(), second, dict(kwargs))
    other_optimizer = mx.optimizer.create(second, **kwargs)
    assert isinstance(other_optimizer, optimizers.Optimizer) == (second == ours)
    with_optimizer(tmp_path / "saved.states", other_optimizer,
                   tmp_path / "swapped.states")
    other.load_states(str(tmp_path / "swapped.states"))
    train(other_net, other, rng_seed=2, steps=3, dtype=dtype)
    tolerance = {"rtol": 1e-4, "atol": 1e-5}
    if dtype == "float16":  # the float32 master copies are in the states
        tolerance = {"rtol": 2e-3, "atol": 1e-3}
    for first_param, second_param in zip(net.collect_params().values(),
                                         other_net.collect_params().values()):
        np.testing.assert_allclose(second_param.data().asnumpy(),
                                   first_param.data().asnumpy(),
                                   err_msg=name, **tolerance)
    first_states = saved_states(trainer, tmp_path / "first.states")
    second_states = saved_states(other, tmp_path / "second.states")
    assert sorted(first_states) == sorted(second_states)
    for index in first_states:
        assert_same_state(first_states[index], second_states[index],
                                   f"{name} {direction} state {index}")
