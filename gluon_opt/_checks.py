"""Argument checks shared by the public functions.

Each check raises TypeError (wrong kind of value) or ValueError (right kind,
wrong value) with a message that names the argument and says what was
expected, so a learner never meets a bare MXNet C++ traceback instead.
"""
import numbers

import numpy as np
from mxnet import gluon, nd


def check_int(name, value, minimum=None):
    """An integer (not a bool) that is at least `minimum`."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be an integer, got {value!r} "
                        f"({type(value).__name__})")
    if minimum is not None and value < minimum:
        raise ValueError(f"{name} must be at least {minimum}, got {value}")
    return int(value)


def check_optional_int(name, value, minimum=None):
    """None, or an integer that is at least `minimum`."""
    return None if value is None else check_int(name, value, minimum)


def check_number(name, value, minimum=None, maximum=None):
    """A real number within [minimum, maximum]."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a number, got {value!r} "
                        f"({type(value).__name__})")
    if not np.isfinite(value):
        raise ValueError(f"{name} must be finite, got {value}")
    if minimum is not None and value < minimum:
        raise ValueError(f"{name} must be at least {minimum}, got {value}")
    if maximum is not None and value > maximum:
        raise ValueError(f"{name} must be at most {maximum}, got {value}")
    return value


def check_ndarray(name, value):
    """An mxnet NDArray with at least one row."""
    if not isinstance(value, nd.NDArray):
        raise TypeError(f"{name} must be an mxnet NDArray, got "
                        f"{type(value).__name__}; convert with mx.nd.array(...)")
    if value.ndim == 0 or value.shape[0] == 0:
        raise ValueError(f"{name} must have at least one row, got shape "
                         f"{value.shape}")
    return value


def check_features_labels(features, labels, features_name="features",
                          labels_name="labels"):
    """Two NDArrays with the same number of rows and only finite values."""
    check_ndarray(features_name, features)
    check_ndarray(labels_name, labels)
    if features.shape[0] != labels.shape[0]:
        raise ValueError(
            f"{features_name} and {labels_name} must have the same length, "
            f"got {features.shape[0]} rows in {features_name} and "
            f"{labels.shape[0]} in {labels_name}")
    for name, array in ((features_name, features), (labels_name, labels)):
        if not np.isfinite(array.asnumpy()).all():
            raise ValueError(f"{name} contains NaN or infinite values; clean "
                             f"or drop those rows before training")


def check_trainer(name, trainer):
    """A gluon.Trainer."""
    if not isinstance(trainer, gluon.Trainer):
        raise TypeError(
            f"{name} must be a gluon.Trainer, got {type(trainer).__name__}; "
            f"make one with gluon.Trainer(net.collect_params(), 'sgd', "
            f"{{'learning_rate': 0.1}})")
    return trainer


def check_initialized(name, net):
    """A gluon Block whose parameters all have data."""
    if not isinstance(net, gluon.Block):
        raise TypeError(f"{name} must be a gluon Block (for example "
                        f"nn.Sequential), got {type(net).__name__}")
    params = net.collect_params()
    if not params:
        raise ValueError(f"{name} has no parameters to train")
    for param in params.values():
        if param._data is None and param._deferred_init == ():
            raise ValueError(
                f"{name} has parameter {param.name!r} that was never "
                f"initialized; call {name}.initialize() before training")
    return net


def make_trainer(net, optimizer, hyperparams):
    """gluon.Trainer(net's params, optimizer, hyperparams), with an error that
    names the argument when the optimizer name or a hyperparameter is wrong."""
    import mxnet as mx
    if isinstance(optimizer, str):
        known = sorted(mx.optimizer.Optimizer.opt_registry)
        if optimizer.lower() not in known:
            raise ValueError(f"trainer_name {optimizer!r} is not an optimizer "
                             f"MXNet knows; known: {', '.join(known)}")
    elif not isinstance(optimizer, mx.optimizer.Optimizer):
        raise TypeError(f"trainer_name must be an optimizer name or an "
                        f"mx.optimizer.Optimizer, got {type(optimizer).__name__}")
    if hyperparams is not None and not isinstance(hyperparams, dict):
        raise TypeError(f"trainer_hyperparams must be a dict such as "
                        f"{{'learning_rate': 0.1}}, got {type(hyperparams).__name__}")
    for key in ("learning_rate", "lr"):
        if hyperparams and key in hyperparams:
            check_number(f"trainer_hyperparams[{key!r}]", hyperparams[key],
                         minimum=0)
    if hyperparams and "momentum" in hyperparams:
        check_number("trainer_hyperparams['momentum']", hyperparams["momentum"],
                     minimum=0, maximum=1)
    try:
        return gluon.Trainer(net.collect_params(), optimizer, hyperparams)
    except (TypeError, ValueError, AssertionError) as error:
        raise ValueError(f"trainer_hyperparams {hyperparams!r} do not fit "
                         f"optimizer {optimizer!r}: {error}") from error
