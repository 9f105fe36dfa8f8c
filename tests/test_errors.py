"""Bad input gets a clear error naming the argument, never an MXNet traceback."""
import re

import numpy as np
import pytest
from mxnet import gluon, init, nd
from mxnet.gluon import nn

import gluon_opt
import utils
from gluon_opt.models import linear_net


@pytest.fixture
def problem():
    gluon_opt.set_seed(0)
    X, y = gluon_opt.synthetic_linreg(50)
    net = linear_net()
    trainer = gluon.Trainer(net.collect_params(), "sgd", {"learning_rate": 0.1})
    return dict(batch_size=10, trainer=trainer, num_epochs=1, decay_epoch=None,
                log_interval=10, X=X, y=y, net=net)


@pytest.mark.parametrize("change,error,message", [
    (dict(batch_size=0), ValueError, "batch_size must be at least 1, got 0"),
    (dict(batch_size=-3), ValueError, "batch_size must be at least 1, got -3"),
    (dict(batch_size=2.5), TypeError, "batch_size must be an integer"),
    (dict(batch_size="10"), TypeError, "batch_size must be an integer"),
    (dict(num_epochs=-1), ValueError, "num_epochs must be at least 0"),
    (dict(log_interval=0), ValueError, "log_interval must be at least 1"),
    (dict(decay_epoch=-2), ValueError, "decay_epoch must be at least 0"),
    (dict(trainer="sgd"), TypeError, "trainer must be a gluon.Trainer"),
    (dict(X=np.ones((50, 2))), TypeError, "X must be an mxnet NDArray"),
])
def test_optimize_checks_its_arguments(problem, change, error, message):
    with pytest.raises(error, match=message):
        utils.optimize(**dict(problem, **change))


def test_optimize_says_both_lengths(problem):
    with pytest.raises(ValueError, match="50 rows in X and 49 in y"):
        utils.optimize(**dict(problem, y=problem["y"][:49]))


@pytest.mark.parametrize("bad", [np.nan, np.inf])
def test_optimize_refuses_nan_and_infinity(problem, bad):
    X = problem["X"].copy()
    X[3, 1] = bad
    with pytest.raises(ValueError, match="X contains NaN or infinite"):
        utils.optimize(**dict(problem, X=X))


def test_optimize_asks_to_initialize_the_net(problem):
    net = nn.Sequential()
    net.add(nn.Dense(1, in_units=2))
    with pytest.raises(ValueError, match=r"never initialized; call net\.initialize\(\)"):
        utils.optimize(**dict(problem, net=net))


def test_a_net_with_deferred_shapes_is_accepted(problem):
    net = nn.Sequential()
    net.add(nn.Dense(1))
    net.initialize()  # shapes known only after the first batch
    trainer = gluon.Trainer(net.collect_params(), "sgd", {"learning_rate": 0.1})
    history = gluon_opt.optimize(**dict(problem, net=net, trainer=trainer),
                                 plot=False, verbose=False)
    assert history.losses[-1] < history.losses[0]


@pytest.fixture(scope="module")
def airfoil():
    return gluon_opt.get_data_ch7()


@pytest.mark.parametrize("kwargs,error,message", [
    (dict(batch_size=0), ValueError, "batch_size must be at least 1"),
    (dict(num_epochs=-1), ValueError, "num_epochs must be at least 0"),
    (dict(batch_size=1.5), TypeError, "batch_size must be an integer"),
])
def test_train_ch7_checks_its_arguments(airfoil, kwargs, error, message):
    features, labels = airfoil
    with pytest.raises(error, match=message):
        gluon_opt.train_ch7(gluon_opt.optimizers.sgd, None, {"lr": 0.1},
                            features, labels, **kwargs)
    with pytest.raises(error, match=message):
        gluon_opt.train_gluon_ch7("sgd", {"learning_rate": 0.1}, features,
                                  labels, **kwargs)


def test_train_ch7_checks_the_update_and_hyperparams(airfoil):
    features, labels = airfoil
    with pytest.raises(TypeError, match="trainer_fn must be a function"):
        gluon_opt.train_ch7("adagrad", None, {"lr": 0.1}, features, labels)
    with pytest.raises(TypeError, match="hyperparams must be a dict"):
        gluon_opt.train_ch7(gluon_opt.optimizers.sgd, None, 0.1, features, labels)
    with pytest.raises(ValueError, match=r"hyperparams\['lr'\] must be at least 0"):
        gluon_opt.train_ch7(gluon_opt.optimizers.sgd, None, {"lr": -0.1},
                            features, labels)
    with pytest.raises(ValueError, match="1500 rows in features and 10 in labels"):
        gluon_opt.train_ch7(gluon_opt.optimizers.sgd, None, {"lr": 0.1},
                            features, labels[:10])


@pytest.mark.parametrize("name,hyperparams,message", [
    ("sgdd", {"learning_rate": 0.1}, r"trainer_name must be one of \[.*'adam'.*\], got 'sgdd'"),
    ("sgd", {"learning_rate": -0.1}, r"trainer_hyperparams\['learning_rate'\] must be in \[0, inf\], got -0.1"),
    ("sgd", {"learning_rate": 0.1, "momentum": 1.5}, r"trainer_hyperparams\['momentum'\] must be in \[0, 1\], got 1.5"),
    ("sgd", {"learning_rate": 0.1, "momentum": -0.1}, r"trainer_hyperparams\['momentum'\] must be in \[0, 1\], got -0.1"),
    ("sgd", {"learning_rate": 0.1, "no_such_option": 1}, "do not fit optimizer 'sgd'"),
])
def test_train_gluon_ch7_names_bad_optimizer_arguments(airfoil, name, hyperparams,
                                                      message):
    features, labels = airfoil
    with pytest.raises(ValueError, match=message):
        gluon_opt.train_gluon_ch7(name, hyperparams, features, labels)


@pytest.mark.parametrize("call,error,message", [
    (lambda: gluon_opt.synthetic_linreg(0), ValueError, "num_examples must be at least 1"),
    (lambda: gluon_opt.synthetic_linreg(10, noise=-1), ValueError, "noise must be at least 0"),
    (lambda: list(gluon_opt.data_iter(0, nd.ones((4, 2)), nd.ones(4))), ValueError,
     "batch_size must be at least 1"),
    (lambda: list(gluon_opt.data_iter(2, nd.ones((4, 2)), nd.ones(3))), ValueError,
     "4 rows in features and 3 in labels"),
    (lambda: list(gluon_opt.data_iter(2, [[1, 2]], nd.ones(1))), TypeError,
     "features must be an mxnet NDArray"),
    (lambda: gluon_opt.set_seed(-1), ValueError, "seed must be at least 0"),
    (lambda: gluon_opt.set_seed("1"), TypeError, "seed must be an integer"),
])
def test_data_and_seed_functions_check_their_arguments(call, error, message):
    with pytest.raises(error, match=message):
        call()


@pytest.mark.parametrize("kwargs,message", [
    (dict(learning_rate=-0.1), "learning_rate"),
    (dict(momentum=-0.1), "momentum"),
    (dict(momentum=1.1), "momentum"),
])
def test_optimizer_factory_names_the_argument(kwargs, message):
    with pytest.raises(ValueError, match=message):
        gluon_opt.optimizers.create("sgd", **kwargs)


def test_unknown_optimizer_lists_the_known_names():
    # the one unknown-name message of every registry (gluon_opt._factory)
    with pytest.raises(ValueError,
                       match="name must be one of .*'adagrad'.*'sgd'.*got 'adamw'"):
        gluon_opt.optimizers.create("adamw")


def test_unknown_schedule_and_initializer():
    with pytest.raises(ValueError, match="factor"):
        gluon_opt.schedules.create("linear")
    with pytest.raises(ValueError, match="xavier"):
        gluon_opt.initializers.create("glorot")


def test_train_linreg_scratch_names_its_own_arguments():
    with pytest.raises(ValueError, match="4 rows in X and 3 in y"):
        gluon_opt.train_linreg_scratch(
            gluon_opt.optimizers.sgd, None, {"lr": 0.1}, nd.ones((4, 2)),
            nd.ones(3), batch_size=2, num_epochs=1, log_interval=2)
    with pytest.raises(TypeError, match="update_fn must be a function"):
        gluon_opt.train_linreg_scratch(
            "sgd", None, {"lr": 0.1}, nd.ones((4, 2)), nd.ones(4),
            batch_size=2, num_epochs=1, log_interval=2)


# ------------------------------------ data in the wrong type or shape (issue 12)

def airfoil_like(n=60, dtype="float32", label_dtype="float32", seed=0):
    rng = np.random.RandomState(seed)
    X = rng.normal(size=(n, 3))
    y = X @ [1.0, -2.0, 0.5] + 0.1 * rng.normal(size=n)
    return nd.array(X, dtype=dtype), nd.array(y, dtype=label_dtype)


def gluon_net():
    net = nn.Sequential()
    net.add(nn.Dense(1))
    net.initialize(init.Normal(sigma=0.01))
    return net


@pytest.mark.parametrize("dtype", ["float64", "float16", "int64"])
def test_features_of_another_dtype_train_as_float32(dtype):
    X, y = airfoil_like(dtype=dtype)
    reference_X, _ = airfoil_like()
    import gluon_opt
    from gluon_opt import optimizers
    gluon_opt.set_seed(0)
    history = gluon_opt.train_ch7(optimizers.sgd, None, {"lr": 0.05}, X, y,
                                  batch_size=10, num_epochs=1)
    gluon_opt.set_seed(0)
    expected = gluon_opt.train_ch7(optimizers.sgd, None, {"lr": 0.05},
                                   X.astype("float32"), y, batch_size=10,
                                   num_epochs=1)
    assert history.losses == expected.losses
    net = gluon_net()
    trainer = gluon.Trainer(net.collect_params(), "sgd", {"learning_rate": 0.05})
    result = utils.optimize(10, trainer, 1, None, 10, X, y, net)
    assert np.isfinite(result.losses).all()
    gluon_opt.train_gluon_ch7("sgd", {"learning_rate": 0.05}, X, y, 10, 1)


def test_integer_labels_are_used_as_floats():
    import gluon_opt
    X, y = airfoil_like()
    classes = nd.array(np.arange(60) % 3, dtype="int64")
    history = gluon_opt.train_gluon_ch7("sgd", {"learning_rate": 0.05}, X,
                                        classes, 10, 1)
    assert np.isfinite(history.losses).all()


def test_labels_with_two_columns_are_refused_naming_the_shape():
    import gluon_opt
    from gluon_opt import optimizers
    X, y = airfoil_like()
    y2 = nd.stack(y, y, axis=1)
    with pytest.raises(ValueError, match=r"labels must have shape \(60,\) or "
                                         r"\(60, 1\).*got \(60, 2\)"):
        gluon_opt.train_ch7(optimizers.sgd, None, {"lr": 0.05}, X, y2)
    with pytest.raises(ValueError, match=r"labels must have shape"):
        gluon_opt.train_gluon_ch7("sgd", {"learning_rate": 0.05}, X, y2)
    net = gluon_net()
    trainer = gluon.Trainer(net.collect_params(), "sgd", {"learning_rate": 0.05})
    with pytest.raises(ValueError, match=r"y has shape \(60, 2\): 2 value\(s\) "
                                         r"per example, but the net maps a "
                                         r"row of X to 1 output"):
        utils.optimize(10, trainer, 1, None, 10, X, y2, net)


def test_one_dimensional_features_are_refused_with_the_fix():
    import gluon_opt
    from gluon_opt import optimizers
    X, y = airfoil_like()
    with pytest.raises(ValueError, match=r"features must have one row per "
                                         r"example.*got shape \(60,\).*"
                                         r"features.reshape\(\(-1, 1\)\)"):
        gluon_opt.train_ch7(optimizers.sgd, None, {"lr": 0.05}, X[:, 0], y)


# -------------------------------------- hyperparameters and configuration (§5)

@pytest.mark.parametrize("lr,error,message", [
    ("0.1", TypeError, "trainer's learning_rate must be a number, got '0.1'"),
    (True, TypeError, "trainer's learning_rate must be a number, got True"),
    (-0.1, ValueError, "trainer's learning_rate must be at least 0"),
])
def test_optimize_checks_the_trainers_learning_rate_up_front(problem, lr,
                                                             error, message):
    net = problem["net"]
    trainer = gluon.Trainer(net.collect_params(), "sgd", {"learning_rate": lr})
    with pytest.raises(error, match=message):
        utils.optimize(**dict(problem, trainer=trainer))


def test_decay_epoch_with_an_lr_scheduler_is_refused_with_the_reason(problem):
    import mxnet as mx
    net = problem["net"]
    trainer = gluon.Trainer(net.collect_params(), "sgd", {
        "learning_rate": 0.1,
        "lr_scheduler": mx.lr_scheduler.FactorScheduler(step=10, factor=0.5,
                                                        base_lr=0.1)})
    with pytest.raises(ValueError, match="decay_epoch=2 cannot be used with a "
                                         "trainer that has an lr_scheduler"):
        utils.optimize(**dict(problem, trainer=trainer, decay_epoch=2))


@pytest.mark.parametrize("hyperparams,error,message", [
    ({"learning_rate": 0.01, "beta1": "0.9"}, TypeError, r"\['beta1'\] must be a number"),
    ({"learning_rate": 0.01, "beta1": 1.0}, ValueError, r"\['beta1'\] must be in \[0, 1\)"),
    ({"learning_rate": 0.01, "wd": -1}, ValueError, r"\['wd'\] must be in"),
    ({"learning_rate": 0.01, "rescale_grad": 0}, ValueError,
     r"\['rescale_grad'\] must be in"),
])
def test_train_gluon_ch7_checks_every_hyperparameter(hyperparams, error, message):
    import gluon_opt
    X, y = airfoil_like()
    with pytest.raises(error, match="trainer_hyperparams" + message):
        gluon_opt.train_gluon_ch7("adam", hyperparams, X, y)


def test_one_state_per_parameter_is_required():
    import gluon_opt
    from gluon_opt import optimizers
    X, y = airfoil_like()
    one_state = [nd.zeros((3, 1))]
    with pytest.raises(ValueError, match="one state per parameter"):
        gluon_opt.train_ch7(optimizers.sgd_momentum, one_state,
                            {"lr": 0.01, "momentum": 0.9}, X, y)


def test_a_missing_hyperparameter_names_the_key_and_the_function():
    import gluon_opt
    from gluon_opt import optimizers
    X, y = airfoil_like()
    with pytest.raises(ValueError, match="hyperparams has no 'momentum', which "
                                         "trainer_fn sgd_momentum reads"):
        gluon_opt.train_ch7(optimizers.sgd_momentum,
                            optimizers.init_momentum_states, {"lr": 0.01}, X, y)


@pytest.mark.parametrize("kwargs,error,message", [
    (dict(true_w=[]), ValueError, "true_w must hold at least one weight"),
    (dict(true_w=[float("nan")]), ValueError, "true_w must be finite"),
    (dict(true_w="ab"), TypeError, "true_w must be a list of numbers"),
    (dict(true_b=float("inf")), ValueError, "true_b must be finite"),
    (dict(true_b="a"), TypeError, "true_b must be a number"),
    (dict(seed=1.5), TypeError, "seed must be an integer"),
])
def test_synthetic_linreg_names_the_bad_argument(kwargs, error, message):
    import gluon_opt
    with pytest.raises(error, match=message):
        gluon_opt.synthetic_linreg(10, **kwargs)


@pytest.mark.parametrize("num_rows,error,message", [
    (-5, ValueError, "num_rows must be at least 1, got -5"),
    ("10", TypeError, "num_rows must be an integer"),
])
def test_read_airfoil_checks_num_rows(num_rows, error, message):
    from gluon_opt import data
    path = data.locate(data.AIRFOIL)
    with pytest.raises(error, match=message):
        data.read_airfoil(path, num_rows=num_rows)


def test_read_idx_reports_huge_and_many_dimensional_headers(tmp_path):
    import struct
    from gluon_opt import mnist_data as mnist
    huge = tmp_path / "huge.idx"
    huge.write_bytes(b"\x00\x00\x08\x02" + struct.pack(">II", 2**32 - 1,
                                                        2**32 - 1))
    with pytest.raises(ValueError) as error:
        mnist.read_idx(huge)
    assert str(huge) in str(error.value)
    assert f"{(2**32 - 1) ** 2} bytes" in str(error.value)  # no overflow
    many = tmp_path / "many.idx"
    many.write_bytes(b"\x00\x00\x08\xff" + struct.pack(">255I", *[1] * 255))
    with pytest.raises(ValueError, match="255 dimensions") as error:
        mnist.read_idx(many)
    assert str(many) in str(error.value)


@pytest.mark.parametrize("call,error,message", [
    (lambda: utils.SGD([nd.ones(2)], "0.1"), TypeError, "lr must be a number"),
    (lambda: utils.set_fig_size(__import__("matplotlib"), None), TypeError,
     r"figsize must be \(width, height\)"),
    (lambda: __import__("gluon_opt").show_trace_2d(lambda a, b: a, []),
     ValueError, "results must hold at least one"),
    (lambda: __import__("gluon_opt").train_2d("gd"), TypeError,
     "trainer must be a step function"),
    (lambda: utils.semilogy([0, 1, 2], [1.0, 2.0], "x", "y"), ValueError,
     "x_vals and y_vals must have the same length, got 3 and 2"),
])
def test_the_books_small_helpers_say_what_to_pass(call, error, message):
    with pytest.raises(error, match=message):
        call()


@pytest.mark.parametrize("value, interval, message", [
    (0, {"low": 0, "low_open": True}, r"lr must be in \(0, inf\], got 0"),
    (1, {"low": 0, "high": 1, "high_open": True}, r"lr must be in \[0, 1\), got 1"),
    (-0.5, {"low": 0, "high": 1}, r"lr must be in \[0, 1\], got -0.5"),
    (2, {"high": 1}, r"lr must be in \[-inf, 1\], got 2"),
])
def test_check_in_interval_writes_the_interval_it_wanted(value, interval,
                                                          message):
    from gluon_opt import _checks
    with pytest.raises(ValueError, match=message):
        _checks.check_in_interval("lr", value, **interval)


@pytest.mark.parametrize("value", [0, 0.5, 1, -1, 2, float("nan"), "1", True])
@pytest.mark.parametrize("interval", [
    {}, {"low": 0}, {"low": 0, "low_open": True}, {"high": 1},
    {"low": 0, "high": 1, "high_open": True}])
def test_check_in_interval_agrees_with_the_optimizers_number_check(value,
                                                                   interval):
    # One vocabulary of number checks: the optimizers' low/high form and
    # _checks' give the same answer and the same words.
    from gluon_opt import _checks
    from gluon_opt.optimizers import base

    def outcome(check):
        try:
            return "ok", check("lr", value, **interval)
        except (TypeError, ValueError) as error:
            return type(error).__name__, str(error)
    assert outcome(_checks.check_in_interval) == outcome(base.check_number)


def _unknown_names():
    from gluon_opt import initializers, reproduce, schedules
    from benchmarks import suite
    return [
        ("name", lambda: schedules.create("nope")),
        ("name", lambda: initializers.create("nope")),
        ("only", lambda: reproduce.select(["lr-schedule", "nope"])),
        ("only", lambda: suite.select(["nope"])),
        ("warmup_mode", lambda: schedules.create(
            "factor", step=10, warmup_steps=5, warmup_mode="nope")),
        ("rnd_type", lambda: initializers.create("xavier", rnd_type="nope")),
    ]


@pytest.mark.parametrize("case", range(6))
def test_every_unknown_name_is_refused_in_the_registries_words(case):
    argument, call = _unknown_names()[case]
    with pytest.raises(ValueError) as error:
        call()
    assert re.fullmatch(rf"{argument} must be one of \[('[\w-]+', )*'[\w-]+'\], "
                        rf"got 'nope'", str(error.value)), str(error.value)
