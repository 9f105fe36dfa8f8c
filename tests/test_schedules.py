"""gluon_opt.schedules gives MXNet's learning rates, as a pure function."""
import mxnet as mx
import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from gluon_opt import initializers, schedules
from gluon_opt import softmax_module

NUM_UPDATES = 5000

MXNET_CLASSES = {
    "factor": mx.lr_scheduler.FactorScheduler,
    "multifactor": mx.lr_scheduler.MultiFactorScheduler,
    "poly": mx.lr_scheduler.PolyScheduler,
    "cosine": mx.lr_scheduler.CosineScheduler,
}

# Each schedule with arguments that make it change within 1..NUM_UPDATES.
SCHEDULE_ARGS = {
    "factor": dict(step=250, factor=0.7, stop_factor_lr=1e-3, base_lr=0.3),
    "multifactor": dict(step=[300, 1000, 2500, 4000], factor=0.5, base_lr=0.2),
    "poly": dict(max_update=4000, base_lr=0.2, pwr=3, final_lr=0.001),
    "cosine": dict(max_update=4000, base_lr=0.2, final_lr=0.005),
}

WARMUPS = {
    "no warmup": {},
    "linear warmup": dict(warmup_steps=200, warmup_begin_lr=0.01,
                          warmup_mode="linear"),
    "constant warmup": dict(warmup_steps=200, warmup_begin_lr=0.01,
                            warmup_mode="constant"),
}


def rates(scheduler, updates):
    return np.array([scheduler(t) for t in updates], dtype=float)


@pytest.mark.parametrize("warmup", WARMUPS)
@pytest.mark.parametrize("name", SCHEDULE_ARGS)
def test_equals_mxnet_over_long_range(name, warmup):
    kwargs = dict(SCHEDULE_ARGS[name], **WARMUPS[warmup])
    ours = schedules.create(name, **kwargs)
    theirs = MXNET_CLASSES[name](**kwargs)
    updates = range(1, NUM_UPDATES + 1)
    ours_rates, theirs_rates = rates(ours, updates), rates(theirs, updates)
    np.testing.assert_allclose(ours_rates, theirs_rates, rtol=1e-6, atol=0)
    # The comparison has teeth: the rate does change over the range.
    assert len(np.unique(np.round(ours_rates, 12))) > 3


def test_is_own_lr_scheduler_not_mxnets():
    for name in SCHEDULE_ARGS:
        sched = schedules.create(name, **SCHEDULE_ARGS[name])
        assert isinstance(sched, mx.lr_scheduler.LRScheduler)
        assert isinstance(sched, schedules.Schedule)
        assert not isinstance(sched, tuple(MXNET_CLASSES.values()))


def test_factor_decays_after_each_step_boundary():
    # base_lr·factor^(⌈t/step⌉−1): update 100 still uses 0.1, update 101 0.09.
    sched = schedules.create("factor", step=100, factor=0.9, base_lr=0.1)
    assert sched(100) == pytest.approx(0.1)
    assert sched(101) == pytest.approx(0.09)
    assert sched(201) == pytest.approx(0.081)


@pytest.mark.parametrize("name", SCHEDULE_ARGS)
def test_equals_mxnet_under_an_optimizer(name, capsys):
    # Optimizer.__init__ overwrites the scheduler's base_lr with learning_rate
    # (factor/multifactor then decay from it, poly/cosine do not); a warmup
    # still climbs to the base_lr the scheduler was made with.
    kwargs = dict(SCHEDULE_ARGS[name], **WARMUPS["linear warmup"])
    optimizers = [mx.optimizer.create("sgd", learning_rate=0.5, lr_scheduler=sched)
                  for sched in (schedules.create(name, **kwargs),
                                MXNET_CLASSES[name](**kwargs))]
    used = {0: [], 1: []}
    for _ in range(1200):
        for i, opt in enumerate(optimizers):
            weight, grad = mx.nd.ones((2,)), mx.nd.ones((2,))
            opt.update(0, weight, grad, None)
            used[i].append(opt.learning_rate)
    np.testing.assert_allclose(used[0], used[1], rtol=1e-6, atol=0)
    assert "overwritten" in capsys.readouterr().out


@pytest.mark.parametrize("name, mxnet_class, kwargs", [
    ("factor", mx.lr_scheduler.FactorScheduler, dict(step=100, factor=0.5)),
    ("multifactor", mx.lr_scheduler.MultiFactorScheduler,
     dict(step=[100, 300], factor=0.5)),
])
def test_mxnet_is_stateful_ours_is_pure(name, mxnet_class, kwargs):
    ours = schedules.create(name, **kwargs)
    theirs = mxnet_class(**kwargs)
    fresh = mxnet_class(**kwargs)
    late_ours, late_theirs = ours(500), theirs(500)
    assert late_ours == pytest.approx(late_theirs)
    # Asked about update 10 after update 500, MXNet's keeps update 500's rate;
    # ours gives update 10's, the rate a fresh MXNet scheduler gives.
    assert theirs(10) == pytest.approx(late_theirs)
    assert ours(10) == pytest.approx(fresh(10))
    assert ours(10) > late_ours
    # Ours gives the same rates whatever order it is asked in.
    updates = range(1, 1000)
    np.testing.assert_array_equal(rates(ours, reversed(updates))[::-1],
                                  rates(ours, updates))


def test_poly_after_max_update_holds_final_rate_even_if_asked_first():
    ours = schedules.create("poly", max_update=100, base_lr=0.1, final_lr=0.01)
    theirs = mx.lr_scheduler.PolyScheduler(max_update=100, base_lr=0.1, final_lr=0.01)
    # MXNet's answers its own base_lr until it has seen an update <= max_update.
    assert theirs(150) == pytest.approx(0.1)
    assert ours(150) == pytest.approx(0.01)


BAD_ARGUMENTS = [
    ("momentum", {}, ValueError, "name"),
    ("factor", dict(step=0), ValueError, "step"),
    ("factor", dict(step=10, factor=1.5), ValueError, "factor"),
    ("factor", dict(step=10, factor=0), ValueError, "factor"),
    ("factor", dict(step=10, stop_factor_lr=-1), ValueError, "stop_factor_lr"),
    ("factor", dict(step=2.5), TypeError, "step"),
    ("factor", dict(step=10, base_lr=-0.1), ValueError, "base_lr"),
    ("factor", dict(step=10, warmup_steps=-1), ValueError, "warmup_steps"),
    ("factor", dict(step=10, warmup_steps=5, warmup_mode="cubic"),
     ValueError, "warmup_mode"),
    ("factor", dict(step=10, base_lr=0.1, warmup_begin_lr=0.2),
     ValueError, "warmup_begin_lr"),
    ("factor", dict(stpe=10), TypeError, "stpe"),
    ("multifactor", dict(step=[200, 100]), ValueError, "step"),
    ("multifactor", dict(step=[]), ValueError, "step"),
    ("multifactor", dict(step=100), TypeError, "step"),
    ("poly", dict(max_update=0), ValueError, "max_update"),
    ("poly", dict(max_update=10, warmup_steps=10), ValueError, "max_update"),
    ("poly", dict(max_update=10, pwr=-1), ValueError, "pwr"),
    ("cosine", dict(max_update=10, final_lr=-1), ValueError, "final_lr"),
]


@pytest.mark.parametrize("name, kwargs, error, argument", BAD_ARGUMENTS)
def test_bad_arguments_name_the_argument(name, kwargs, error, argument):
    with pytest.raises(error, match=argument):
        schedules.create(name, **kwargs)


def test_unknown_name_lists_known_ones():
    with pytest.raises(ValueError) as info:
        schedules.create("exponential")
    for known in ("factor", "multifactor", "poly", "cosine"):
        assert known in str(info.value)


def test_num_update_must_be_a_non_negative_integer():
    sched = schedules.create("cosine", max_update=10)
    with pytest.raises(ValueError, match="num_update"):
        sched(-1)
    with pytest.raises(TypeError, match="num_update"):
        sched(1.5)


def test_plot_draws_the_schedule_rates():
    sched = schedules.create("multifactor", step=[10, 20], factor=0.5, base_lr=1.0)
    recorded = [0.3, 0.2, 0.1]
    fig = schedules.plot_learning_rates({"multifactor": sched, "run": recorded},
                                        num_updates=30)
    first, second = fig.axes[0].get_lines()
    np.testing.assert_array_equal(first.get_xdata(), np.arange(1, 31))
    np.testing.assert_allclose(first.get_ydata(), [sched(t) for t in range(1, 31)])
    np.testing.assert_allclose(second.get_ydata(), recorded)
    with pytest.raises(ValueError, match="num_updates"):
        schedules.plot_learning_rates({"multifactor": sched})
    with pytest.raises(TypeError, match="curves"):
        schedules.plot_learning_rates({"run": ["fast", "slow"]})
    fig = schedules.plot_learning_rates({"run": (r for r in recorded)})
    np.testing.assert_allclose(fig.axes[0].get_lines()[0].get_ydata(), recorded)


def test_recorder_outside_module_fit_says_how_to_use_it():
    with pytest.raises(TypeError, match="batch_end_callback"):
        schedules.LearningRateRecorder()(mx.model.BatchEndParam(0, 0, None, {}))


def test_module_uses_our_schedule_for_each_update():
    # One real Module update per batch: the SGD step (no momentum, no weight
    # decay) moves each weight by -lr·grad/batch_size with the recorded rate.
    sched = schedules.create("factor", step=3, factor=0.5, base_lr=0.2)
    train_iter, _ = softmax_module.softmax_iters(num_train=128 * 4,
                                                      num_valid=128)
    mod = softmax_module.book_softmax_module(
        initializers.create("uniform", scale=1.0), sched, learning_rate=0.2)
    recorder = schedules.LearningRateRecorder()
    for nbatch, batch in enumerate(train_iter):
        before = mod.get_params()[0]["fc_weight"].asnumpy()
        mod.forward_backward(batch)
        grad = mod._exec_group.grad_arrays[0][0].asnumpy()
        mod.update()
        after = mod.get_params()[0]["fc_weight"].asnumpy()
        recorder(mx.model.BatchEndParam(0, nbatch, None, {"self": mod}))
        lr = recorder.learning_rates[-1]
        np.testing.assert_allclose(after, before - lr * grad / 128, rtol=1e-4,
                                   atol=1e-6)
    assert recorder.updates == [1, 2, 3, 4]
    np.testing.assert_allclose(recorder.learning_rates, [0.2, 0.2, 0.2, 0.1])


@pytest.mark.slow
def test_lr_schedule_experiment_runs_and_matches_mxnet():
    from gluon_opt.experiments import EXPERIMENTS
    result = EXPERIMENTS["lr-schedule"].run(quick=True)
    rows = {row.quantity: row.ours for row in result.rows}
    assert rows["updates"] == 200  # 10 epochs of 20 batches
    assert rows["largest |lr scratch - lr MXNet|"] <= 1e-9
    assert rows["final lr, scratch factor"] == pytest.approx(0.1 * 0.9)
    assert rows["valid accuracy, scratch"] == rows["valid accuracy, MXNet"]
    assert rows["valid accuracy, scratch"] > 0.5  # learned: chance is 0.1
    lines = result.figures["lr-schedule"].axes[0].get_lines()
    assert len(lines) == 2 and len(lines[0].get_ydata()) == 200


# ---------------------------------------------------- any arguments, any warmup
warmups = st.fixed_dictionaries({
    "warmup_steps": st.integers(0, 60),
    "warmup_begin_lr": st.floats(0, 0.01),
    "warmup_mode": st.sampled_from(["linear", "constant"]),
})
base_lrs = st.floats(0.01, 1.0)


def assert_equal_sequences(name, kwargs, num_updates=400):
    ours = schedules.create(name, **kwargs)
    theirs = MXNET_CLASSES[name](**kwargs)
    updates = range(1, num_updates + 1)
    np.testing.assert_allclose(rates(ours, updates), rates(theirs, updates),
                               rtol=1e-6, atol=1e-15)


@settings(max_examples=40, deadline=None)
@given(step=st.integers(1, 120), factor=st.floats(0.05, 1.0),
       stop_factor_lr=st.floats(0, 0.05), base_lr=base_lrs, warmup=warmups)
def test_factor_equals_mxnet_for_any_arguments(step, factor, stop_factor_lr,
                                               base_lr, warmup):
    assert_equal_sequences("factor", dict(step=step, factor=factor,
                                          stop_factor_lr=stop_factor_lr,
                                          base_lr=base_lr, **warmup))


@settings(max_examples=40, deadline=None)
@given(step=st.lists(st.integers(1, 450), min_size=1, max_size=6, unique=True),
       factor=st.floats(0.05, 1.0), base_lr=base_lrs, warmup=warmups)
def test_multifactor_equals_mxnet_for_any_arguments(step, factor, base_lr, warmup):
    assert_equal_sequences("multifactor", dict(step=sorted(step), factor=factor,
                                               base_lr=base_lr, **warmup))


@settings(max_examples=40, deadline=None)
@given(name=st.sampled_from(["poly", "cosine"]), max_update=st.integers(61, 500),
       pwr=st.floats(0.5, 4), final_lr=st.floats(0, 0.01), base_lr=base_lrs,
       warmup=warmups)
def test_poly_and_cosine_equal_mxnet_for_any_arguments(name, max_update, pwr,
                                                       final_lr, base_lr, warmup):
    kwargs = dict(max_update=max_update, final_lr=final_lr, base_lr=base_lr,
                  **warmup)
    if name == "poly":
        kwargs["pwr"] = pwr
    assert_equal_sequences(name, kwargs)
