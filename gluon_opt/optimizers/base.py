"""The registry of scratch optimizers and the base class they share.

As in MXNet's own `optimizer.py`, a decorator (`register`) maps a name to a
class and `create(name, **kwargs)` builds one; the base class, MXNet's own
`mx.optimizer.Optimizer`, owns the bookkeeping (learning-rate and
weight-decay multipliers, update counts, `lr_scheduler`, `param_idx2name`,
float16 master copies for `multi_precision`), so each subclass holds only
`create_state` and `update`: the math.

Our classes live in our own registry, never in MXNet's under MXNet's names
(that would replace MXNet's Adam and every comparison with MXNet would compare
us with ourselves). So that a string works where MXNet expects one, each is
also entered in MXNet's registry under 'scratch_' + its name:
`gluon.Trainer(params, 'scratch_adam', {'learning_rate': 0.01})`.
"""

import mxnet as mx

from .. import _checks
from . import pieces

_REGISTRY = {}
MXNET_PREFIX = "scratch_"


def register(klass):
    """Class decorator: make `klass` reachable as create(klass.__name__.lower())."""
    if not (isinstance(klass, type) and issubclass(klass, Optimizer)):
        raise TypeError(f"register expects a subclass of gluon_opt.optimizers."
                        f"Optimizer, got {klass!r}")
    name = klass.__name__.lower()
    _REGISTRY[name] = klass
    mx.optimizer.Optimizer.opt_registry[MXNET_PREFIX + name] = klass
    return klass


def names():
    """The registered names, sorted."""
    return sorted(_REGISTRY)


def create(name, **kwargs):
    """An optimizer from MXNet's name and keyword arguments, as mx.optimizer.create.

    create('adam', learning_rate=0.01, wd=1e-4) is our Adam, not MXNet's.
    The name is case-insensitive.
    """
    if not isinstance(name, str):
        raise TypeError(f"name must be a string such as 'adam', got "
                        f"{type(name).__name__}")
    key = name.lower()
    if key not in _REGISTRY:
        raise ValueError(f"name: unknown optimizer {name!r}; known names: "
                         f"{', '.join(names())}")
    return _REGISTRY[key](**kwargs)


# ---- argument checks: TypeError for the wrong kind, ValueError for the wrong value

def check_number(name, value, low=None, high=None, low_open=False,
                 high_open=False):
    """A finite real number in the interval given (open ends where asked)."""
    _checks.check_number(name, value)
    too_low = low is not None and (value <= low if low_open else value < low)
    too_high = high is not None and (value >= high if high_open else value > high)
    if too_low or too_high:
        left = "(" if low_open else "["
        right = ")" if high_open else "]"
        interval = (f"{left}{'-inf' if low is None else low}, "
                    f"{'inf' if high is None else high}{right}")
        raise ValueError(f"{name} must be in {interval}, got {value}")
    return value


def check_optional_number(name, value, **interval):
    """None, or a number as check_number."""
    return None if value is None else check_number(name, value, **interval)


def check_integer(name, value, low=None):
    """An integer (not a bool) of at least `low`."""
    return _checks.check_int(name, value, minimum=low)


def check_fraction(name, value, high_open=False):
    """A decay rate or momentum: in [0, 1] (or [0, 1) where 1 would divide by 0)."""
    return check_number(name, value, low=0, high=1, high_open=high_open)


class Optimizer(mx.optimizer.Optimizer):
    """Base of the scratch optimizers: MXNet's bookkeeping, checked arguments.

    Takes MXNet's keyword arguments (learning_rate, wd, rescale_grad,
    clip_gradient, lr_scheduler, param_idx2name, multi_precision, ...) and
    refuses values that cannot train: a negative learning rate or weight
    decay, a non-positive rescale_grad or clip_gradient (use None for no
    clipping). Subclasses check their own hyperparameters and implement
    `create_state(index, weight)` and `update(index, weight, grad, state)`.

    `aggregate_num` stays 0, so MXNet's Updater (used by gluon.Trainer and
    Module) calls `update` once per parameter.
    """

    def __init__(self, learning_rate=None, wd=0.0, rescale_grad=1.0,
                 clip_gradient=None, **kwargs):
        check_optional_number("learning_rate", learning_rate, low=0)
        check_number("wd", wd, low=0)
        check_number("rescale_grad", rescale_grad, low=0, low_open=True)
        check_optional_number("clip_gradient", clip_gradient, low=0,
                              low_open=True)
        super().__init__(learning_rate=learning_rate, wd=wd,
                         rescale_grad=rescale_grad,
                         clip_gradient=clip_gradient, **kwargs)

    def set_learning_rate(self, lr):
        """Set a new learning rate (gluon.Trainer.set_learning_rate calls this)."""
        super().set_learning_rate(check_number("lr", lr, low=0))

    def _begin_update(self, index):
        """Count this update; return its (learning rate, weight decay, step t)."""
        self._update_count(index)
        return (self._get_lr(index), self._get_wd(index),
                self._index_update_count[index])

    def _grad(self, grad, weight=None, wd=0.0):
        """clip(rescale_grad · grad + wd · weight): see pieces.preprocess_grad."""
        return pieces.preprocess_grad(grad, self.rescale_grad,
                                      self.clip_gradient, weight, wd)

    def _grad_then_decay(self, grad, weight, wd):
        """clip(rescale_grad · grad) + wd · weight: SGD's order (decay not clipped)."""
        grad = self._grad(grad)
        return pieces.add_weight_decay_(grad, weight, wd)

    def __repr__(self):
        return f"gluon_opt.optimizers.{type(self).__name__}(lr={self.learning_rate})"
