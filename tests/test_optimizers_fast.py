"""The fast path (fast=True: workspace buffers, no new arrays) takes the
readable path's steps, and MXNet's, for SGD with momentum, AdaGrad and Adam.

Speed is measured by the benchmark (benchmarks.steps.time_step),
never here. The optimizers with a fast path are those of optimizer_cases.FAST
(the library says which).
"""
import mxnet as mx
import numpy as np
import pytest
from mxnet import nd

from gluon_opt import optimizers
from gluon_opt.optimizers import fast

from benchmarks import steps
from optimizer_cases import FAST, params
from side_by_side import CONFIGS as SIDE_BY_SIDE, configurations, run_side_by_side

STEPS = 25
SHAPES = [(4, 3), (6, 2), (1000,)]
# each optimizer with a fast path, at its test rate, alone and with each variant
RUNS = {f"{case.name}{number or ''}":
        (case.name, {"learning_rate": case.learning_rate, **extra})
        for case in FAST for number, extra in enumerate(({},) + case.variants)}
CONFIGS = {
    "defaults": {},
    "wd": {"wd": 0.05},
    "rescale": {"rescale_grad": 0.7},
    "clip": {"clip_gradient": 0.8},
    "wd_rescale_clip": {"wd": 0.05, "rescale_grad": 0.7, "clip_gradient": 0.8},
}


def run(name, kwargs, fast_path, seed=0, steps=STEPS):
    """The weights after each step, for parameters of SHAPES, via the Updater."""
    rng = np.random.RandomState(seed)
    optimizer = optimizers.create(name, fast=fast_path, **kwargs)
    updater = mx.optimizer.get_updater(optimizer)
    weights = [nd.array(rng.normal(size=shape)) for shape in SHAPES]
    history = []
    for _ in range(steps):
        grads = [nd.array(rng.normal(size=shape)) for shape in SHAPES]
        updater(list(range(len(SHAPES))), grads, weights)
        history.append([w.asnumpy() for w in weights])
    return history


@pytest.mark.parametrize("config", CONFIGS)
@pytest.mark.parametrize("label", RUNS)
def test_fast_path_takes_the_readable_steps(label, config):
    name, kwargs = RUNS[label]
    kwargs = {**kwargs, **CONFIGS[config]}
    readable, quick = run(name, kwargs, False), run(name, kwargs, True)
    for step, (expected, actual) in enumerate(zip(readable, quick)):
        for index, (want, got) in enumerate(zip(expected, actual)):
            message = f"{label} {config} step {step + 1} weight {index}"
            # the readable path's operators in its order: the same bits
            np.testing.assert_array_equal(got, want, err_msg=message)
    assert not np.array_equal(readable[0][0], readable[-1][0])  # it moved


@pytest.mark.parametrize("config", SIDE_BY_SIDE)
@pytest.mark.parametrize("case", params(FAST))
def test_fast_path_takes_mxnets_steps(case, config):
    """The equality suite's cases (MXNet's optimizer side by side), fast=True."""
    extras = [extra for each, extra, _, refusal in configurations(case)
              if each == config and not refusal] or [{}]
    for extra in extras:
        final = run_side_by_side(case, config, extra, ours_options={"fast": True})
        assert all(np.isfinite(w.asnumpy()).all() for w in final)


def test_fast_path_keeps_mxnets_state_and_shares_one_workspace_per_shape():
    optimizer = optimizers.create("adam", fast=True)
    weights = [nd.ones((3, 2)), nd.ones((3, 2)), nd.ones((5,))]
    states = [optimizer.create_state(i, w) for i, w in enumerate(weights)]
    for index, (weight, state) in enumerate(zip(weights, states)):
        optimizer.update(index, weight, nd.ones(weight.shape), state)
    assert [s.shape for s in states[0]] == [(3, 2), (3, 2)]
    assert len(optimizer.workspace._buffers) == 2  # (3, 2) and (5,)


def test_float16_takes_the_readable_path():
    weight, grad = nd.ones((4,), dtype="float16"), nd.ones((4,), dtype="float16")
    assert not fast.supports(weight, grad)
    expected = weight.copy()
    for fast_path, w in ((False, expected), (True, weight)):
        optimizer = optimizers.create("adam", fast=fast_path)
        optimizer.update(0, w, grad, optimizer.create_state(0, w))
    np.testing.assert_array_equal(weight.asnumpy(), expected.asnumpy())


def test_sqrt_into_waits_for_pending_writes_and_reads():
    source = nd.ones((1000,))
    for _ in range(20):
        source *= 2  # queued in MXNet's engine, not yet run
    buffer = fast.Workspace().get(source, 1)[0]
    reader = buffer.array * 1  # a pending read of the buffer
    root = fast.sqrt_into(source, out=buffer)
    assert np.array_equal(root.asnumpy(), np.full(1000, 2.0 ** 10))
    assert np.array_equal(reader.asnumpy(), np.zeros(1000))


def test_time_step_refuses_unknown_names_and_paths():
    with pytest.raises(ValueError, match="name"):
        steps.make_stepper("rmsprop", 10, "fast")
    with pytest.raises(ValueError, match="path"):
        steps.make_stepper("adam", 10, "fused")


def test_time_step_reports_each_path():
    times = steps.time_step("adam", size=1000, repeat=1)
    assert sorted(times) == sorted(steps.PATHS)
    assert all(ms > 0 for ms in times.values())


@pytest.mark.parametrize("config", ["defaults", "wd_rescale_clip"])
@pytest.mark.parametrize("label", RUNS)
def test_fast_path_leaves_the_callers_gradient_alone(label, config):
    name, kwargs = RUNS[label]
    optimizer = optimizers.create(name, fast=True, **kwargs, **CONFIGS[config])
    weight, grad = nd.random.normal(shape=(50,)), nd.random.normal(shape=(50,))
    before = grad.asnumpy()
    state = optimizer.create_state(0, weight)
    for _ in range(3):
        optimizer.update(0, weight, grad, state)
    np.testing.assert_array_equal(grad.asnumpy(), before)


def test_a_pickled_fast_optimizer_gets_a_fresh_workspace_and_the_same_steps():
    import pickle
    rng = np.random.RandomState(3)
    grads = [nd.array(rng.normal(size=(20,))) for _ in range(4)]
    weights = [nd.array(rng.normal(size=(20,))) for _ in range(2)]
    optimizer = optimizers.create("adam", fast=True, learning_rate=0.1)
    updater = mx.optimizer.get_updater(optimizer)
    updater([0], [grads[0]], [weights[0]])
    weights[1][:] = weights[0]
    restored = mx.optimizer.get_updater(optimizer)
    restored.set_states(updater.get_states(dump_optimizer=True))
    assert restored.optimizer is not optimizer
    assert restored.optimizer.workspace._buffers == {}
    for grad in grads[1:]:
        updater([0], [grad], [weights[0]])
        restored([0], [grad], [weights[1]])
    np.testing.assert_array_equal(weights[1].asnumpy(), weights[0].asnumpy())
    assert pickle.loads(pickle.dumps(optimizer.workspace))._buffers == {}


@pytest.mark.parametrize("update_on_kvstore", [None, False])
@pytest.mark.parametrize("case", params(FAST))
def test_a_trainer_on_two_cpu_contexts_takes_the_readable_steps(case,
                                                               update_on_kvstore):
    """gluon.Trainer reaches our class as 'scratch_<name>' with fast=True;
    on cpu(1) the workspace is MXNet's own memory (no NumPy view)."""
    from mxnet import autograd, gluon
    contexts = [mx.cpu(0), mx.cpu(1)]
    results = []
    for fast_path in (False, True):
        mx.random.seed(0)
        net = gluon.nn.Dense(3, in_units=5)
        net.initialize(mx.init.Normal(1.0), ctx=contexts)
        options = {"learning_rate": 0.1, "wd": 0.01, "fast": fast_path}
        if case.takes_momentum:
            options["momentum"] = 0.9
        trainer = gluon.Trainer(net.collect_params(), "scratch_" + case.name, options,
                                update_on_kvstore=update_on_kvstore)
        rng = np.random.RandomState(0)
        for _ in range(5):
            with autograd.record():
                losses = [(net(nd.array(rng.normal(size=(4, 5)), ctx=c)) ** 2).sum()
                          for c in contexts]
            autograd.backward(losses)
            trainer.step(8)
        results.append([p.data(c).asnumpy() for p in net.collect_params().values()
                        for c in contexts])
        workspace = trainer._optimizer.workspace
        assert (workspace is not None and bool(workspace._buffers)) == fast_path
    for readable, quick in zip(*results):
        np.testing.assert_array_equal(quick, readable)
