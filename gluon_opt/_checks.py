"""Argument checks shared by the public functions.

Each check raises TypeError (wrong kind of value) or ValueError (right kind,
wrong value) with a message that names the argument and says what was
expected, so a learner never meets a bare MXNet C++ traceback instead.
"""
import contextlib
import numbers
import os
import warnings

import numpy as np
from mxnet import gluon, nd

# NumPy's warning for a complex number cast to a real one: numpy.ComplexWarning
# until NumPy 2.0 moved it to numpy.exceptions (which NumPy 1.23 lacks).
ComplexWarning = getattr(np, "exceptions", np).ComplexWarning


def shown(value):
    """repr(value) for a message, with a NumPy scalar written as NumPy 1
    wrote it ((1+1j), 0.5), not as NumPy 2 does (np.complex128(1+1j))."""
    if isinstance(value, (np.number, np.bool_)):
        return str(value)
    return repr(value)


@contextlib.contextmanager
def real_numbers_only():
    """Within: a cast of a complex number to float raises ComplexWarning,
    where NumPy would warn and drop the imaginary part (a wrong number)."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", ComplexWarning)
        yield


def check_int(name, value, minimum=None):
    """An integer (not a bool) that is at least `minimum`."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be an integer, got {shown(value)} "
                        f"({type(value).__name__})")
    if minimum is not None and value < minimum:
        raise ValueError(f"{name} must be at least {minimum}, got {value}")
    return int(value)


def check_bool(name, value):
    """A flag: True or False (or a NumPy bool), never a string such as 'no',
    which Python would count as true, or an array."""
    if not isinstance(value, (bool, np.bool_)):
        raise TypeError(f"{name} must be True or False, got {shown(value)} "
                        f"({type(value).__name__})")
    return bool(value)


def check_seed(name, value):
    """A seed NumPy takes: an integer from 0 to 2**32 - 1."""
    value = check_int(name, value, minimum=0)
    if value > 2 ** 32 - 1:
        raise ValueError(f"{name} must be at most 2**32 - 1 (NumPy's limit), "
                         f"got {value}")
    return value


def check_optional_int(name, value, minimum=None):
    """None, or an integer that is at least `minimum`."""
    return None if value is None else check_int(name, value, minimum)


def check_number(name, value, minimum=None, maximum=None):
    """A real number within [minimum, maximum]."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a number, got {shown(value)} "
                        f"({type(value).__name__})")
    # (an int is finite; np.isfinite fails on one beyond int64)
    if not isinstance(value, numbers.Integral) and not np.isfinite(value):
        raise ValueError(f"{name} must be finite, got {value}")
    if minimum is not None and value < minimum:
        raise ValueError(f"{name} must be at least {minimum}, got {value}")
    if maximum is not None and value > maximum:
        raise ValueError(f"{name} must be at most {maximum}, got {value}")
    return value


def check_in_interval(name, value, low=None, high=None, low_open=False,
                      high_open=False):
    """A finite real number in the interval from `low` to `high`, each end
    closed unless `low_open` / `high_open`; the message writes the interval
    (`lr must be in (0, inf], got 0`)."""
    check_number(name, value)
    too_low = low is not None and (value <= low if low_open else value < low)
    too_high = high is not None and (value >= high if high_open else value > high)
    if too_low or too_high:
        left = "(" if low_open else "["
        right = ")" if high_open else "]"
        interval = (f"{left}{'-inf' if low is None else low}, "
                    f"{'inf' if high is None else high}{right}")
        raise ValueError(f"{name} must be in {interval}, got {value}")
    return value


# The largest float32: MXNet's operators parse their float parameters (a
# learning rate, a momentum) as float32 and refuse anything beyond it.
FLOAT32_MAX = float(np.finfo(np.float32).max)
FLOAT32_TINY = float(np.finfo(np.float32).tiny)  # smaller underflows


def check_float32(name, value, minimum=None):
    """A real number that MXNet's operators can take as a float32 parameter."""
    value = check_number(name, value, minimum)
    if abs(value) > FLOAT32_MAX:
        raise ValueError(f"{name} must be within ±{FLOAT32_MAX:.4g} (MXNet "
                         f"computes it in float32), got {value}")
    if value and abs(value) < FLOAT32_TINY:
        raise ValueError(f"{name} must be 0 or at least {FLOAT32_TINY:.4g} in "
                         f"size (MXNet computes it in float32), got {value}")
    return value


def check_ndarray_type(name, value):
    """An mxnet NDArray (mx.np arrays are ones too), of any shape: a weight
    or a gradient handed to an optimizer."""
    if not isinstance(value, nd.NDArray):
        raise TypeError(f"{name} must be an mxnet NDArray, got "
                        f"{type(value).__name__}; convert with mx.nd.array(...)")
    return value


def check_ndarray(name, value):
    """An mxnet NDArray with at least one row and column: data."""
    check_ndarray_type(name, value)
    if value.ndim == 0 or value.size == 0:
        raise ValueError(f"{name} must have at least one row and column, got "
                         f"shape {value.shape}")
    return value


def check_path(name, value):
    """A file or folder path: a str or an os.PathLike (pathlib.Path), with no
    NUL byte (which no file system allows and os.path.exists calls absent)."""
    if isinstance(value, bool) or not isinstance(value, (str, os.PathLike)):
        raise TypeError(f"{name} must be a path (a str or pathlib.Path), got "
                        f"{value!r} ({type(value).__name__})")
    path = os.fspath(value)
    if not isinstance(path, str):
        raise TypeError(f"{name} must be a path (a str or pathlib.Path), got "
                        f"{value!r}, a path of {type(path).__name__}")
    if "\x00" in path:
        raise ValueError(f"{name} must not contain a NUL byte ('\\x00'), got "
                         f"{path!r}")
    return path


def check_params(name, params):
    """A list of NDArrays that have gradients (attach_grad() was called)."""
    if not isinstance(params, (list, tuple)):
        raise TypeError(f"{name} must be a list of NDArrays such as [w, b], "
                        f"got {type(params).__name__}")
    for i, param in enumerate(params):
        if not isinstance(param, nd.NDArray):
            raise TypeError(f"{name}[{i}] must be an mxnet NDArray, got "
                            f"{type(param).__name__}")
        if param.grad is None:
            raise ValueError(f"{name}[{i}] has no gradient; call "
                             f"attach_grad() on it before autograd.record()")
    return params


def check_linreg(X, w, b):
    """NDArrays X (examples x features), w (features x outputs) and b (one
    value, or one per output) that X·w + b can combine."""
    for name, value in (("X", X), ("w", w), ("b", b)):
        check_ndarray(name, value)
    if X.ndim != 2 or w.ndim not in (1, 2) or X.shape[1] != w.shape[0]:
        raise ValueError(f"X of shape {X.shape} and w of shape {w.shape} do "
                         f"not multiply: X must be (examples, features) and "
                         f"w (features, 1)")
    if not X.dtype == w.dtype == b.dtype:
        raise TypeError(f"X, w and b must have one dtype, got "
                        f"{np.dtype(X.dtype).name}, {np.dtype(w.dtype).name} "
                        f"and {np.dtype(b.dtype).name}; convert with .astype")
    outputs = w.shape[1] if w.ndim == 2 else 1
    # X·w has w.ndim dimensions; a b with more would add some in front
    # (shape (1, 1, 1) makes (1, examples, 1)).
    if b.size not in (1, outputs) or b.ndim > w.ndim or (
            b.size > 1 and b.shape[-1] != outputs):
        raise ValueError(f"b must hold one value (or one per output), in at "
                         f"most {w.ndim} dimension(s) as X·w has, got shape "
                         f"{b.shape}")


def check_same_size(name, value, other_name, other):
    """NDArrays `value` and `other` with as many elements each (so that one
    reshapes to the other's shape)."""
    check_ndarray(name, value)
    check_ndarray(other_name, other)
    if value.size != other.size:
        raise ValueError(f"{name} has shape {value.shape} and {other_name} "
                         f"{other.shape}: they must hold as many values")
    if value.dtype != other.dtype:
        raise TypeError(f"{name} and {other_name} must have one dtype, got "
                        f"{np.dtype(value.dtype).name} and "
                        f"{np.dtype(other.dtype).name}; convert with .astype")


def check_states(name, states, params):
    """None, or one state per parameter: an NDArray of its parameter's shape,
    or a tuple of them (Adam's and AdaDelta's two averages)."""
    if states is None:
        return states
    if not isinstance(states, (list, tuple)):
        raise TypeError(f"{name} must be a list with one state per parameter "
                        f"(or None), got {type(states).__name__}; build it "
                        f"with the section's init_*_states()")
    if len(states) != len(params):
        raise ValueError(
            f"{name} must hold one state per parameter ({len(params)}: w and "
            f"b), got {len(states)}; build them with the section's "
            f"init_*_states(), e.g. init_momentum_states()")
    for i, (state, param) in enumerate(zip(states, params)):
        parts = state if isinstance(state, (list, tuple)) else (state,)
        if not parts or any(not isinstance(part, nd.NDArray)
                            or part.shape != param.shape for part in parts):
            raise ValueError(
                f"{name}[{i}] must be an NDArray of shape {param.shape} (or a "
                f"tuple of them), as its parameter, got {state!r}")
    return states


def check_features_labels(features, labels, features_name="features",
                          labels_name="labels", one_output=False):
    """Two NDArrays with the same number of rows and only finite values;
    returns them as float32.

    features must have a row per example (at least 2-D). With one_output
    (the chapter's linear model) labels must be (n,) or (n, 1). Other real
    dtypes become float32, which the models' parameters are: integer labels
    (class numbers, counts) as floats, float64 and float16 rounded.
    """
    check_ndarray(features_name, features)
    check_ndarray(labels_name, labels)
    if features.ndim < 2:
        raise ValueError(
            f"{features_name} must have one row per example (2-D, examples x "
            f"features), got shape {features.shape}; for a single feature "
            f"pass {features_name}.reshape((-1, 1))")
    if features.shape[0] != labels.shape[0]:
        raise ValueError(
            f"{features_name} and {labels_name} must have the same length, "
            f"got {features.shape[0]} rows in {features_name} and "
            f"{labels.shape[0]} in {labels_name}")
    if one_output and not (labels.ndim == 1 or labels.shape[1:] == (1,)):
        n = labels.shape[0]
        raise ValueError(
            f"{labels_name} must have shape ({n},) or ({n}, 1), one target per "
            f"example for the model's one output, got {labels.shape}")
    converted = []
    for name, array in ((features_name, features), (labels_name, labels)):
        if array.dtype != np.float32:
            if not (np.issubdtype(array.dtype, np.floating)
                    or np.issubdtype(array.dtype, np.integer)):
                raise TypeError(f"{name} must hold numbers, got dtype "
                                f"{np.dtype(array.dtype).name}")
            array = array.astype(np.float32)
        if not np.isfinite(array.asnumpy()).all():
            raise ValueError(f"{name} contains NaN or infinite values; clean "
                             f"or drop those rows before training")
        converted.append(array)
    return tuple(converted)


def check_net_output(net, features, labels, features_name="features",
                     labels_name="labels"):
    """The net's output for one row has as many values as one label, which
    L2 loss compares it with (else MXNet fails with 'Cannot reshape')."""
    output = net(features[:1])
    if output.size != labels[:1].size:
        raise ValueError(
            f"{labels_name} has shape {labels.shape}: {labels[:1].size} "
            f"value(s) per example, but the net maps a row of "
            f"{features_name} to {output.size} output(s)")


def check_trainer(name, trainer, decay_epoch=None):
    """A gluon.Trainer whose learning rate is a number (a string or a bool
    in the hyperparameters would fail at the first step, or train at 1.0),
    and, when decay_epoch is set, without an lr_scheduler."""
    if not isinstance(trainer, gluon.Trainer):
        raise TypeError(
            f"{name} must be a gluon.Trainer, got {type(trainer).__name__}; "
            f"make one with gluon.Trainer(net.collect_params(), 'sgd', "
            f"{{'learning_rate': 0.1}})")
    optimizer = trainer._optimizer  # Trainer.optimizer raises before init
    check_trainer_numbers(f"{name}'s", optimizer)
    scheduler = getattr(optimizer, "lr_scheduler", None)
    if scheduler is not None and decay_epoch:
        raise ValueError(
            f"decay_epoch={decay_epoch} cannot be used with a {name} that has "
            f"an lr_scheduler ({type(scheduler).__name__}): the scheduler "
            f"sets the learning rate at every update, so the tenfold decay "
            f"would be overwritten (MXNet refuses set_learning_rate then). "
            f"Pass decay_epoch=None, or drop the lr_scheduler.")
    return trainer


def check_step_scale(name, trainer, rows):
    """What gluon.Trainer.step(rows) hands MXNet's update as rescale_grad,
    the trainer's rescale_grad / rows, must be a float32 MXNet takes
    (rescale_grad=-1.2e-38 over 5 rows underflowed to an MXNetError).
    `name` is the caller's name for rescale_grad; `rows` the largest batch."""
    scale = trainer._scale  # the rescale_grad the Trainer was made with
    check_float32(f"{name} / the batch's {rows} rows", scale / rows)


def check_trainer_numbers(owner, optimizer):
    """A trainer's optimizer's numbers (check_optimizer_numbers) and, unless
    an lr_scheduler sets it, its learning rate: float32s MXNet takes, named
    as check_optimizer_numbers names them."""
    check_optimizer_numbers(owner, optimizer)
    if getattr(optimizer, "lr_scheduler", None) is None:
        check_float32(_owned(owner, "learning_rate"), optimizer.lr, minimum=0)


def _owned(owner, name):
    """`name` as `owner` has it ("trainer's rescale_grad"), or alone."""
    return f"{owner} {name}" if owner else name


def check_optimizer_numbers(owner, optimizer):
    """Every numeric hyperparameter of an MXNet optimizer (those whose
    default in its class or a base class is a number, and clip_gradient) is
    a finite number: a string or None there fails only inside the first
    update, and a bool trains as 1.0. An error names `owner` (e.g.
    "trainer's") and the hyperparameter; with owner '', the hyperparameter
    alone."""
    import inspect
    seen = set()
    for cls in type(optimizer).__mro__:
        if "__init__" not in vars(cls):
            continue
        for param in inspect.signature(cls.__init__).parameters.values():
            default = param.default
            numeric = isinstance(default, numbers.Real) \
                and not isinstance(default, bool)
            if param.name in seen or not hasattr(optimizer, param.name) \
                    or not (numeric or param.name == "clip_gradient"):
                continue  # (learning_rate is kept as lr, checked apart)
            seen.add(param.name)
            value = getattr(optimizer, param.name)
            if value is not None or numeric:
                check_float32(_owned(owner, param.name), value)


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
