"""The registry, argument errors, MXNet's DCASGD bug, and the book's
functions against the Optimizer classes and MXNet's own optimizers."""
import ast
import importlib
import inspect
import math
import pkgutil

import mxnet as mx
import numpy as np
import pytest
from mxnet import nd

from gluon_opt import optimizers, schedules
from gluon_opt.optimizers import book
from optimizer_cases import CASES, WITH_MXNET

MXNET_NAMES = [case.name for case in WITH_MXNET]


# ---- the registry

def test_registry_has_mxnets_seventeen_names_and_a_case_for_each():
    assert len(MXNET_NAMES) == 17
    assert set(MXNET_NAMES) <= set(optimizers.names())
    assert optimizers.names() == sorted(case.name for case in CASES)


@pytest.mark.parametrize("name", MXNET_NAMES)
def test_create_gives_our_own_class_not_mxnets(name):
    ours = optimizers.create(name.upper())  # names are case-insensitive
    theirs = type(mx.optimizer.create(name))
    assert isinstance(ours, mx.optimizer.Optimizer)
    assert isinstance(ours, optimizers.Optimizer)
    assert not isinstance(ours, theirs)
    assert type(ours).__name__.lower() == name
    from_mxnet = [k for k in type(ours).__mro__ if k.__module__.startswith("mxnet")]
    assert from_mxnet == [mx.optimizer.Optimizer]


def test_unknown_name_lists_the_known_ones():
    with pytest.raises(ValueError, match="name") as error:
        optimizers.create("adamw")
    for name in MXNET_NAMES:
        assert name in str(error.value)


def test_name_must_be_a_string():
    with pytest.raises(TypeError, match="name"):
        optimizers.create(optimizers.Adam)


def test_unknown_keyword_is_refused_as_by_mxnet():
    with pytest.raises(TypeError, match="betta1"):
        optimizers.create("adam", betta1=0.9)


def test_register_adds_a_name_and_refuses_other_classes():
    @optimizers.register
    class PlainStep(optimizers.Optimizer):
        def create_state(self, index, weight):
            return None

        def update(self, index, weight, grad, state):
            weight -= self._begin_update(index)[0] * grad

    try:
        assert isinstance(optimizers.create("plainstep"), PlainStep)
        assert isinstance(mx.optimizer.create("scratch_plainstep"), PlainStep)
        with pytest.raises(ValueError, match="'plainstep' is registered twice"):
            @optimizers.register
            class PlainStep(optimizers.Optimizer):  # noqa: F811
                pass
        assert type(optimizers.create("plainstep")).create_state  # the first
    finally:
        optimizers.base._REGISTRY.pop("plainstep")
        mx.optimizer.Optimizer.opt_registry.pop("scratch_plainstep")
    with pytest.raises(TypeError, match="register"):
        optimizers.register(mx.optimizer.SGD)


@pytest.mark.parametrize("name, kwargs, argument", [
    ("sgd", {"learning_rate": -0.1}, "learning_rate"),
    ("sgd", {"momentum": -0.1}, "momentum"),
    ("sgd", {"momentum": 1.5}, "momentum"),
    ("nag", {"momentum": 2.0}, "momentum"),
    ("adam", {"beta1": 1.0}, "beta1"),
    ("adam", {"beta2": -0.5}, "beta2"),
    ("adam", {"wd": -1e-4}, "wd"),
    ("adam", {"clip_gradient": 0}, "clip_gradient"),
    ("adam", {"rescale_grad": 0}, "rescale_grad"),
    ("adam", {"epsilon": -1e-8}, "epsilon"),
    ("adam", {"learning_rate": float("nan")}, "learning_rate"),
    ("rmsprop", {"gamma1": 1.5}, "gamma1"),
    ("rmsprop", {"clip_weights": -1.0}, "clip_weights"),
    ("adadelta", {"rho": 1.1}, "rho"),
    ("ftrl", {"learning_rate": -1.0}, "learning_rate"),
    ("ftrl", {"lamda1": -0.1}, "lamda1"),
    ("lbsgd", {"warmup_strategy": "cosine"}, "warmup_strategy"),
    ("lbsgd", {"batch_scale": 0}, "batch_scale"),
    ("lamb", {"lower_bound": -1.0}, "lower_bound"),
    ("lars", {"eta": -1.0}, "eta"),
    ("dcasgd", {"lamda": -1.0}, "lamda"),
    ("signum", {"wd_lh": -0.1}, "wd_lh"),
    ("nadam", {"schedule_decay": -0.1}, "schedule_decay"),
    ("ftml", {"beta1": 1.0}, "beta1"),
    ("groupadagrad", {"wd": 0.1}, "wd"),
    ("ftml", {"learning_rate": 0.0}, "learning_rate"),  # FTML divides by it
    ("lamb", {"lower_bound": 3.0, "upper_bound": 2.0}, "lower_bound"),
])
def test_invalid_hyperparameter_names_the_argument(name, kwargs, argument):
    with pytest.raises(ValueError, match=argument):
        optimizers.create(name, **kwargs)


@pytest.mark.parametrize("name, kwargs, argument", [
    ("sgd", {"learning_rate": "0.1"}, "learning_rate"),
    ("sgd", {"momentum": True}, "momentum"),
    # flags must be bool: Python counts the string 'no' as true
    ("rmsprop", {"centered": "no"}, "centered"),
    ("sgd", {"fast": "no"}, "fast"),
    ("adam", {"fast": 0}, "fast"),
    ("adagrad", {"fast": "False"}, "fast"),
    ("sgd", {"multi_precision": "yes"}, "multi_precision"),
    ("lbsgd", {"multi_precision": 1}, "multi_precision"),
    ("adam", {"lazy_update": "no"}, "lazy_update"),
    ("lars", {"momentum_correction": "no"}, "momentum_correction"),
    ("lamb", {"bias_correction": None}, "bias_correction"),
    # a schedule by name: it needs its own arguments
    ("sgd", {"lr_scheduler": "factor"}, "lr_scheduler.*schedules.create"),
    ("adam", {"lr_scheduler": 0.9}, "lr_scheduler"),
])
def test_wrong_kind_of_hyperparameter_is_a_type_error(name, kwargs, argument):
    with pytest.raises(TypeError, match=argument):
        optimizers.create(name, **kwargs)


def test_flags_take_python_and_numpy_bools():
    assert optimizers.create("rmsprop", centered=np.bool_(True)).centered is True
    assert optimizers.create("sgd", multi_precision=True).multi_precision is True
    assert optimizers.create("adam", fast=False).fast is False


def test_lr_scheduler_takes_a_schedule_object():
    schedule = schedules.create("factor", step=2, factor=0.5)
    optimizer = optimizers.create("sgd", learning_rate=0.1, lr_scheduler=schedule)
    optimizer.num_update = 5
    assert optimizer.learning_rate == pytest.approx(0.1 * 0.5 ** 2)


def test_ftml_refuses_a_zero_learning_rate_later_too():
    optimizer = optimizers.create("ftml")
    with pytest.raises(ValueError, match="lr"):
        optimizer.set_learning_rate(0.0)


def test_set_learning_rate_checks_its_argument():
    optimizer = optimizers.create("adam")
    optimizer.set_learning_rate(0.5)
    assert optimizer.learning_rate == 0.5
    with pytest.raises(ValueError, match="lr"):
        optimizer.set_learning_rate(-0.5)
    with pytest.raises(TypeError, match="lr"):
        optimizer.set_learning_rate("0.5")


def test_group_adagrad_needs_two_dimensional_weights():
    with pytest.raises(ValueError, match="weight must be 2-D"):
        optimizers.create("groupadagrad").create_state(0, nd.zeros(5))


def test_no_fused_update_operator_in_any_optimizer_module():
    """The math is plain arithmetic, on the readable and the fast path alike:
    no module of gluon_opt.optimizers names an mx.nd operator called
    *_update* or *update_phase* (adam_update, lamb_update_phase1, ...) in
    its code (its docstrings name the peers the benchmark measures against)."""
    fused = {name for module in (nd, nd.contrib, nd.sparse) for name in dir(module)
             if "update" in name and not name.startswith("__")}
    assert "adam_update" in fused and "lamb_update_phase1" in fused
    modules = [importlib.import_module(f"gluon_opt.optimizers.{info.name}")
               for info in pkgutil.iter_modules(optimizers.__path__)]
    assert {"fast", "sgd", "adam", "book"} <= {m.__name__.split(".")[-1]
                                               for m in modules}
    for module in [optimizers] + modules:
        tree = ast.parse(inspect.getsource(module))
        used = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute):
                used.add(node.attr)
            elif isinstance(node, ast.Name):
                used.add(node.id)
            elif isinstance(node, ast.Constant) and isinstance(node.value, str):
                used.add(node.value)  # getattr(nd, "adam_update")
        assert not used & fused, (module.__name__, used & fused)


# ---- MXNet 1.9.1's DCASGD with momentum

def dcasgd_reference(weight, grads, lr, momentum, lamda, wd):
    """The documented DCASGD formula in NumPy (float64)."""
    weight, previous, velocity = weight.copy(), weight.copy(), np.zeros_like(weight)
    for grad in grads:
        step = lr * (grad + wd * weight + lamda * grad * grad * (weight - previous))
        velocity = momentum * velocity + step
        previous = weight.copy()
        weight = weight - velocity
    return weight


def test_dcasgd_momentum_fails_in_mxnet_and_follows_the_formula_here():
    rng = np.random.RandomState(0)
    start = rng.normal(size=(4, 3))
    grads = [rng.normal(size=(4, 3)) for _ in range(10)]
    kwargs = {"learning_rate": 0.1, "momentum": 0.9, "lamda": 0.5, "wd": 0.01}

    theirs = mx.optimizer.create("dcasgd", **kwargs)
    weight = nd.array(start)
    with pytest.raises(ValueError, match="ambiguous"):
        theirs.update(0, weight, nd.array(grads[0]), theirs.create_state(0, weight))

    ours = optimizers.create("dcasgd", **kwargs)
    weight = nd.array(start)
    state = ours.create_state(0, weight)
    for grad in grads:
        ours.update(0, weight, nd.array(grad), state)
    expected = dcasgd_reference(start, grads, 0.1, 0.9, 0.5, 0.01)
    np.testing.assert_allclose(weight.asnumpy(), expected, rtol=1e-4, atol=1e-5)
    # momentum changes the path: it is not silently ignored
    assert not np.allclose(expected, dcasgd_reference(start, grads, 0.1, 0.0, 0.5, 0.01))


# ---- MXNet 1.9.1's NAG with momentum and weight decay

def nag_reference(weight, grads, lr, momentum, wd, decay_with_new_weight=False):
    """NAG as MXNet documents it (v = γ·v + g + wd·w; w = w − lr·(g + wd·w + γ·v)),
    or, with decay_with_new_weight, as its kernel runs with out=weight: the
    weight is written first, and the momentum then decays with the new one."""
    weight, velocity = weight.astype(np.float64), np.zeros_like(weight, np.float64)
    for grad in grads:
        decayed = grad + wd * weight
        new_velocity = momentum * velocity + decayed
        new_weight = weight - lr * (decayed + momentum * new_velocity)
        if decay_with_new_weight:
            new_velocity = momentum * velocity + grad + wd * new_weight
        weight, velocity = new_weight, new_velocity
    return weight


def test_nag_weight_decay_follows_the_documented_formula_unlike_mxnet():
    rng = np.random.RandomState(0)
    start = rng.normal(size=(4, 3))
    grads = [rng.normal(size=(4, 3)) for _ in range(10)]
    kwargs = {"learning_rate": 0.1, "momentum": 0.9, "wd": 0.1}
    finals = []
    for make in (optimizers.create, mx.optimizer.create):
        optimizer = make("nag", **kwargs)
        weight = nd.array(start)
        state = optimizer.create_state(0, weight)
        for grad in grads:
            optimizer.update(0, weight, nd.array(grad), state)
        finals.append(weight.asnumpy())
    ours, theirs = finals
    documented = nag_reference(start, grads, 0.1, 0.9, 0.1)
    as_mxnet_runs = nag_reference(start, grads, 0.1, 0.9, 0.1,
                                  decay_with_new_weight=True)
    np.testing.assert_allclose(ours, documented, rtol=1e-4, atol=1e-5)
    np.testing.assert_allclose(theirs, as_mxnet_runs, rtol=1e-4, atol=1e-5)
    assert not np.allclose(documented, as_mxnet_runs, rtol=1e-3, atol=1e-3)


# ---- AdaBelief, which MXNet lacks: against the paper's formula

def adabelief_reference(weight, grads, lr, beta1, beta2, eps, wd):
    """Zhuang et al. 2020, Algorithm 2, in NumPy (float64), with the L2 term
    wd·w added to the gradient."""
    weight = weight.astype(np.float64)
    m, s = np.zeros_like(weight), np.zeros_like(weight)
    for t, grad in enumerate(grads, start=1):
        g = grad + wd * weight
        m = beta1 * m + (1 - beta1) * g
        s = beta2 * s + (1 - beta2) * (g - m) ** 2 + eps
        m_hat = m / (1 - beta1 ** t)
        s_hat = s / (1 - beta2 ** t)
        weight = weight - lr * m_hat / (np.sqrt(s_hat) + eps)
    return weight


@pytest.mark.parametrize("kwargs", [
    {"learning_rate": 0.01},
    {"learning_rate": 0.05, "beta1": 0.8, "beta2": 0.99, "epsilon": 1e-8,
     "wd": 0.01},
])
def test_adabelief_follows_the_papers_formula(kwargs):
    rng = np.random.RandomState(0)
    start = rng.normal(size=(4, 3))
    grads = [rng.normal(size=(4, 3)) for _ in range(10)]
    optimizer = optimizers.create("adabelief", **kwargs)
    weight = nd.array(start)
    state = optimizer.create_state(0, weight)
    for grad in grads:
        optimizer.update(0, weight, nd.array(grad), state)
    expected = adabelief_reference(
        start, grads, kwargs["learning_rate"], kwargs.get("beta1", 0.9),
        kwargs.get("beta2", 0.999), kwargs.get("epsilon", 1e-16),
        kwargs.get("wd", 0.0))
    np.testing.assert_allclose(weight.asnumpy(), expected, rtol=1e-5, atol=1e-6)
    # its step is not Adam's: the belief (g − m)² is not g²
    adam = optimizers.create("adam", **{**kwargs, "epsilon": 1e-8})
    adam_weight = nd.array(start)
    adam_state = adam.create_state(0, adam_weight)
    for grad in grads:
        adam.update(0, adam_weight, nd.array(grad), adam_state)
    assert not np.allclose(adam_weight.asnumpy(), expected, rtol=1e-3, atol=1e-4)


def test_adabelief_is_reachable_by_its_scratch_name():
    assert isinstance(mx.optimizer.create("scratch_adabelief"), optimizers.AdaBelief)
    assert "adabelief" not in mx.optimizer.Optimizer.opt_registry


# ---- the book's functions

def make_params(seed=0, shapes=((3, 2), (4,))):
    rng = np.random.RandomState(seed)
    params = [nd.array(rng.normal(size=shape)) for shape in shapes]
    for param in params:
        param.attach_grad()
    return params


def set_grads(params, rng, scale=1.0):
    for param in params:
        param.grad[:] = nd.array(scale * rng.normal(size=param.shape))


def run_book(function, init_states, hyperparams, steps=10, seed=0):
    params, rng = make_params(seed), np.random.RandomState(seed + 1)
    states = init_states(params) if init_states else []
    for _ in range(steps):
        set_grads(params, rng)
        function(params, states, hyperparams)
    return params, states


def run_class(optimizer, steps=10, seed=0):
    params, rng = make_params(seed), np.random.RandomState(seed + 1)
    states = [optimizer.create_state(i, p) for i, p in enumerate(params)]
    for _ in range(steps):
        set_grads(params, rng)
        for i, (param, state) in enumerate(zip(params, states)):
            optimizer.update(i, param, param.grad, state)
    return params, states


def assert_params_close(ours, theirs, rtol=1e-5, atol=1e-6):
    for a, b in zip(ours, theirs):
        np.testing.assert_allclose(a.asnumpy(), b.asnumpy(), rtol=rtol, atol=atol)


def test_book_sgd_is_the_sgd_class_and_mxnets_without_momentum():
    book_params, _ = run_book(book.sgd, None, {"lr": 0.1})
    class_params, _ = run_class(optimizers.create("sgd", learning_rate=0.1))
    mxnet_params, _ = run_class(mx.optimizer.SGD(learning_rate=0.1))
    assert_params_close(book_params, class_params)
    assert_params_close(book_params, mxnet_params)


def test_book_sgd_momentum_is_the_sgd_class_and_mxnets():
    hyperparams = {"lr": 0.05, "momentum": 0.9}
    book_params, book_states = run_book(book.sgd_momentum, book.init_momentum_states,
                                        hyperparams)
    ours, our_states = run_class(optimizers.create("sgd", learning_rate=0.05,
                                                   momentum=0.9))
    theirs, their_states = run_class(mx.optimizer.SGD(learning_rate=0.05, momentum=0.9))
    assert_params_close(book_params, ours)
    assert_params_close(book_params, theirs)
    # the book keeps v; the class keeps MXNet's state, m = −v, bit for bit
    for book_state, our_state, their_state in zip(book_states, our_states,
                                                  their_states):
        np.testing.assert_array_equal(our_state.asnumpy(), -book_state.asnumpy())
        np.testing.assert_allclose(our_state.asnumpy(), their_state.asnumpy(),
                                   rtol=1e-5, atol=1e-6)


def test_book_sgd_momentum_equals_sgd_after_rescaling_the_learning_rate():
    """With momentum γ, a constant gradient makes steps η/(1 − γ)·g in the
    long run; with γ = 0 sgd_momentum is sgd."""
    book_params, _ = run_book(book.sgd_momentum, book.init_momentum_states,
                              {"lr": 0.1, "momentum": 0.0})
    sgd_params, _ = run_book(book.sgd, None, {"lr": 0.1})
    assert_params_close(book_params, sgd_params)
    param = nd.zeros(1)
    param.attach_grad()
    param.grad[:] = 1.0
    states = book.init_momentum_states([param])
    for _ in range(200):
        book.sgd_momentum([param], states, {"lr": 0.1, "momentum": 0.5})
    assert states[0].asscalar() == pytest.approx(0.1 / (1 - 0.5), rel=1e-5)


@pytest.mark.parametrize("function, init, hyperparams, name, kwargs", [
    (book.adagrad, book.init_adagrad_states, {"lr": 0.1}, "adagrad",
     {"learning_rate": 0.1, "eps": 1e-6}),
    (book.rmsprop, book.init_rmsprop_states, {"lr": 0.01, "gamma": 0.9}, "rmsprop",
     {"learning_rate": 0.01, "gamma1": 0.9, "epsilon": 1e-6}),
    (book.adadelta, book.init_adadelta_states, {"rho": 0.9}, "adadelta",
     {"rho": 0.9, "epsilon": 1e-5}),
], ids=["adagrad", "rmsprop", "adadelta"])
def test_book_function_is_the_class_and_mxnets_with_the_books_eps(
        function, init, hyperparams, name, kwargs):
    book_params, book_states = run_book(function, init, hyperparams)
    ours, our_states = run_class(optimizers.create(name, **kwargs))
    theirs, _ = run_class(mx.optimizer.create(name, **kwargs))
    assert_params_close(book_params, ours)
    assert_params_close(book_params, theirs, rtol=1e-4, atol=1e-5)
    flat = lambda states: [a for s in states for a in (s if isinstance(s, tuple) else (s,))]
    assert_params_close(flat(book_states), flat(our_states))


def test_book_adam_shares_moving_averages_but_not_the_last_step():
    """Same v and s as the Adam class; the weights differ a little because the
    book adds ε to sqrt(ŝ), MXNet to sqrt(s) with the correction in the rate."""
    hyperparams = {"lr": 0.01, "t": 1}
    book_params, book_states = run_book(book.adam, book.init_adam_states, hyperparams)
    assert hyperparams["t"] == 11
    ours, our_states = run_class(optimizers.create("adam", learning_rate=0.01,
                                                   epsilon=1e-6))
    for (v, s), (mean, mean_square) in zip(book_states, our_states):
        np.testing.assert_allclose(v.asnumpy(), mean.asnumpy(), rtol=1e-6)
        np.testing.assert_allclose(s.asnumpy(), mean_square.asnumpy(), rtol=1e-6)
    assert_params_close(book_params, ours, rtol=1e-3, atol=1e-4)
    differences = [np.abs(a.asnumpy() - b.asnumpy()).max()
                   for a, b in zip(book_params, ours)]
    assert max(differences) > 1e-7


def test_book_adam_is_mxnets_adam_with_its_eps_scaled_by_the_correction():
    """MXNet adds ε to sqrt(s) and folds sqrt(1 − β₂ᵗ)/(1 − β₁ᵗ) into the
    rate; the book adds ε to sqrt(ŝ). With ε·sqrt(1 − β₂ᵗ) at step t, MXNet's
    fused adam_update takes the book's step."""
    hyperparams = {"lr": 0.01, "t": 1}
    book_params, book_states = run_book(book.adam, book.init_adam_states, hyperparams)
    theirs = mx.optimizer.Adam(learning_rate=0.01)
    params, rng = make_params(), np.random.RandomState(1)
    states = [theirs.create_state(i, p) for i, p in enumerate(params)]
    for t in range(1, 11):
        set_grads(params, rng)
        theirs.epsilon = 1e-6 * math.sqrt(1 - 0.999 ** t)
        for i, (param, state) in enumerate(zip(params, states)):
            theirs.update(i, param, param.grad, state)
    assert_params_close(book_params, params)
    theirs_plain, _ = run_class(mx.optimizer.Adam(learning_rate=0.01, epsilon=1e-6))
    differences = [np.abs(a.asnumpy() - b.asnumpy()).max()
                   for a, b in zip(book_params, theirs_plain)]
    assert max(differences) > 1e-7  # the two ε placements are not the same step


# The book's code, verbatim (d2l-zh 1.0), as oracles for the functions above.
def _oracle_adagrad(params, states, hyperparams):
    eps = 1e-6
    for p, s in zip(params, states):
        s[:] += p.grad.square()
        p[:] -= hyperparams['lr'] * p.grad / (s + eps).sqrt()


def _oracle_rmsprop(params, states, hyperparams):
    gamma, eps = hyperparams['gamma'], 1e-6
    for p, s in zip(params, states):
        s[:] = gamma * s + (1 - gamma) * p.grad.square()
        p[:] -= hyperparams['lr'] * p.grad / (s + eps).sqrt()


def _oracle_adadelta(params, states, hyperparams):
    rho, eps = hyperparams['rho'], 1e-5
    for p, (s, delta) in zip(params, states):
        s[:] = rho * s + (1 - rho) * p.grad.square()
        g = ((delta + eps).sqrt() / (s + eps).sqrt()) * p.grad
        p[:] -= g
        delta[:] = rho * delta + (1 - rho) * g * g


def _oracle_adam(params, states, hyperparams):
    beta1, beta2, eps = 0.9, 0.999, 1e-6
    for p, (v, s) in zip(params, states):
        v[:] = beta1 * v + (1 - beta1) * p.grad
        s[:] = beta2 * s + (1 - beta2) * p.grad.square()
        v_bias_corr = v / (1 - beta1 ** hyperparams['t'])
        s_bias_corr = s / (1 - beta2 ** hyperparams['t'])
        p[:] -= hyperparams['lr'] * v_bias_corr / (s_bias_corr.sqrt() + eps)
    hyperparams['t'] += 1


def _oracle_sgd_momentum(params, states, hyperparams):
    for p, v in zip(params, states):
        v[:] = hyperparams['momentum'] * v + hyperparams['lr'] * p.grad
        p[:] -= v


@pytest.mark.parametrize("function, oracle, init, hyperparams", [
    (book.sgd_momentum, _oracle_sgd_momentum, book.init_momentum_states,
     {"lr": 0.05, "momentum": 0.9}),
    (book.adagrad, _oracle_adagrad, book.init_adagrad_states, {"lr": 0.1}),
    (book.rmsprop, _oracle_rmsprop, book.init_rmsprop_states, {"lr": 0.01, "gamma": 0.9}),
    (book.adadelta, _oracle_adadelta, book.init_adadelta_states, {"rho": 0.9}),
    (book.adam, _oracle_adam, book.init_adam_states, {"lr": 0.01, "t": 1}),
], ids=["sgd_momentum", "adagrad", "rmsprop", "adadelta", "adam"])
def test_book_function_computes_the_books_code(function, oracle, init, hyperparams):
    ours, our_states = run_book(function, init, dict(hyperparams))
    books, book_states = run_book(oracle, init, dict(hyperparams))
    assert_params_close(ours, books, rtol=1e-6, atol=1e-7)
    moved = max(np.abs(p.asnumpy() - q.asnumpy()).max()
                for p, q in zip(ours, make_params()))
    assert moved > 1e-3


def test_the_book_functions_are_not_shadowed_by_submodules():
    # gluon_opt/optimizers/sgd.py is a module; optimizers.sgd must stay the
    # book's function whatever imports the module later.
    from gluon_opt import optimizers
    importlib.import_module("gluon_opt.optimizers.sgd")
    importlib.import_module("gluon_opt.optimizers.layerwise")
    assert callable(optimizers.sgd) and optimizers.sgd.__module__.endswith("book")
