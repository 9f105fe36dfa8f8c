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

import numpy as np
import mxnet as mx
from mxnet import nd

from .. import _checks
from .._factory import Factory, unknown_name_error
from . import fast as fastpath
from . import storage

_REGISTRY = Factory("optimizer")
MXNET_PREFIX = "scratch_"


def register(klass):
    """Class decorator: make `klass` reachable as create(klass.__name__.lower())
    and, in MXNet's registry, as 'scratch_' + that name. A name taken already
    is refused (ValueError), as in every registry of the package."""
    if not (isinstance(klass, type) and issubclass(klass, Optimizer)):
        raise TypeError(f"register expects a subclass of gluon_opt.optimizers."
                        f"Optimizer, got {klass!r}")
    name = klass.__name__.lower()
    _REGISTRY.add(name, klass)
    mx.optimizer.Optimizer.opt_registry[MXNET_PREFIX + name] = klass
    return klass


def names():
    """The registered names, sorted."""
    return sorted(_REGISTRY)


def with_fast_path():
    """The registered names whose class has a fast path (defines fast_step)."""
    return sorted(name for name, klass in _REGISTRY.items()
                  if klass.fast_step is not None)


def create(name, **kwargs):
    """An optimizer from MXNet's name and keyword arguments, as mx.optimizer.create.

    create('adam', learning_rate=0.01, wd=1e-4) is our Adam, not MXNet's.
    The name is case-insensitive. Flags (fast, centered, multi_precision,
    lazy_update, ...) must be bools, and lr_scheduler a schedule object such
    as gluon_opt.schedules.create('factor', step=100, factor=0.9), not a name.
    """
    if not isinstance(name, str):
        raise TypeError(f"name must be a string such as 'adam', got "
                        f"{type(name).__name__}")
    key = name.lower()
    if key not in _REGISTRY:
        raise unknown_name_error(name, _REGISTRY)
    return _REGISTRY[key](**kwargs)


# ---- argument checks: TypeError for the wrong kind, ValueError for the wrong value

def check_number(name, value, low=None, high=None, low_open=False,
                 high_open=False):
    """A finite real number in the interval given (open ends where asked):
    the package's one interval check, in the optimizers' spelling."""
    return _checks.check_in_interval(name, value, low, high, low_open,
                                     high_open)


def check_optional_number(name, value, **interval):
    """None, or a number as check_number."""
    return None if value is None else check_number(name, value, **interval)


def check_integer(name, value, low=None):
    """An integer (not a bool) of at least `low`."""
    return _checks.check_int(name, value, minimum=low)


def check_fraction(name, value, high_open=False):
    """A decay rate or momentum: in [0, 1] (or [0, 1) where 1 would divide by 0)."""
    return check_number(name, value, low=0, high=1, high_open=high_open)


check_bool = _checks.check_bool


def check_lr_scheduler(value):
    """None, or a schedule object: MXNet calls it with the update number and
    sets its `base_lr`. A name alone is refused (a schedule needs its own
    arguments, such as step and factor)."""
    if value is None:
        return None
    if isinstance(value, str):
        raise TypeError(
            f"lr_scheduler must be a schedule object, not the name {value!r}; "
            f"build one with gluon_opt.schedules.create({value!r}, ...) "
            f"(e.g. schedules.create('factor', step=100, factor=0.9)) or "
            f"mx.lr_scheduler.FactorScheduler(...)")
    if not callable(value) or not hasattr(value, "base_lr"):
        raise TypeError(f"lr_scheduler must be an mx.lr_scheduler.LRScheduler "
                        f"(called with the update number, with a base_lr), got "
                        f"{type(value).__name__}")
    return value


class Optimizer(mx.optimizer.Optimizer):
    """Base of the scratch optimizers: MXNet's bookkeeping, checked arguments.

    Takes MXNet's keyword arguments (learning_rate, wd, rescale_grad,
    clip_gradient, lr_scheduler, param_idx2name, multi_precision, ...) and
    refuses values that cannot train: a negative learning rate or weight
    decay, a non-positive rescale_grad or clip_gradient (use None for no
    clipping), a flag that is not a bool, a schedule given by name.
    fast=True takes the fast path, where the class has one.

    A subclass holds the math: `create_state(index, weight)` and
    `step(index, weight, grad, state, lr, wd, t)` on dense arrays. This
    class runs it the way MXNet's class of the same name does:

    - `update` counts the update and reads the learning rate and weight decay
      (`_begin_update`), then runs `step` on MXNet's storage types (see
      `storage.py`): a row_sparse gradient updates lazily, on the rows
      present, where `_row_sparse_mode` says so, and is made dense otherwise;
      row_sparse weights and states are updated through dense copies;
    - `update_multi_precision` (what MXNet's Updater and gluon.Trainer call)
      keeps a float32 master copy of float16 weights: the state is
      (weight32, state), or (state, weight32) where MXNet's class keeps it
      last (MASTER_COPY_LAST: SGD, NAG, LARS);
    - both take MXNet's multi-tensor form, lists of indices, weights,
      gradients and states, where MXNet's class does (MULTI_TENSOR: SGD,
      LARS, LAMB), and refuse it elsewhere. `aggregate_num` stays 0, so
      MXNet's Updater itself calls them once per parameter.

    The states keep MXNet's layout (order, sign, dtype, storage type), so that
    the states of MXNet's optimizer and of ours can be exchanged.
    """
    MULTI_TENSOR = False
    MASTER_COPY_LAST = False
    # A class with a fast path (the same math with no new arrays: fast.py)
    # defines fast_step(index, weight, grad, state, lr, wd, t); that method
    # is the one place which says so (`with_fast_path()` lists them).
    fast_step = None

    def __init__(self, learning_rate=None, wd=0.0, rescale_grad=1.0,
                 clip_gradient=None, lr_scheduler=None, multi_precision=False,
                 fast=False, **kwargs):
        check_optional_number("learning_rate", learning_rate, low=0)
        check_number("wd", wd, low=0)
        check_number("rescale_grad", rescale_grad, low=0, low_open=True)
        check_optional_number("clip_gradient", clip_gradient, low=0,
                              low_open=True)
        super().__init__(learning_rate=learning_rate, wd=wd,
                         rescale_grad=rescale_grad,
                         clip_gradient=clip_gradient,
                         lr_scheduler=check_lr_scheduler(lr_scheduler),
                         multi_precision=check_bool("multi_precision",
                                                    multi_precision),
                         **kwargs)
        self.fast = check_bool("fast", fast)
        if self.fast and self.fast_step is None:
            raise TypeError(f"fast=True: {type(self).__name__} has no fast "
                            f"path; these have one: "
                            f"{', '.join(with_fast_path())}")
        # the fast path's buffers, kept between steps (fast.Workspace)
        self.workspace = fastpath.Workspace() if self.fast else None

    def set_learning_rate(self, lr):
        """Set a new learning rate (gluon.Trainer.set_learning_rate calls this)."""
        super().set_learning_rate(check_number("lr", lr, low=0))

    # ---- the math, in subclasses

    def step(self, index, weight, grad, state, lr, wd, t):
        """One step on dense arrays, in place: the optimizer's formula."""
        raise NotImplementedError(f"{type(self).__name__} defines step")

    # ---- bookkeeping: counts, learning rates, weight decay

    def _hyperparameters(self, index, weight, grad):
        """What `step` takes after its arrays: (learning rate, weight decay,
        this parameter's update count t)."""
        return (self._get_lr(index), self._get_wd(index),
                self._index_update_count[index])

    def _begin_update(self, index, weight=None, grad=None):
        """Count this update; return its hyperparameters for `step`."""
        self._update_count(index)
        return self._hyperparameters(index, weight, grad)

    def _begin_updates(self, indices, weights, grads):
        """The multi-tensor form: count every index first, then read each one's
        hyperparameters (the order of MXNet's SGD and LARS)."""
        self._update_count(list(indices))
        return [self._hyperparameters(index, weight, grad)
                for index, weight, grad in zip(indices, weights, grads)]

    # ---- MXNet's entry points

    def update(self, index, weight, grad, state):
        """Update the weight (or, in the multi-tensor form, each weight) in place."""
        self._for_each_tensor(index, weight, grad, state, self._update_tensor)

    def update_multi_precision(self, index, weight, grad, state):
        """`update`, through the float32 master copy where the state has one."""
        self._for_each_tensor(index, weight, grad, state,
                              self._update_tensor_multi_precision)

    def create_state_multi_precision(self, index, weight):
        """The state, with a float32 master copy of a float16 weight when
        multi_precision is set, in the order of MXNet's class."""
        if (self.MASTER_COPY_LAST and self.multi_precision
                and weight.dtype == np.float16):
            master_copy = weight.astype(np.float32)
            return (self.create_state(index, master_copy), master_copy)
        return super().create_state_multi_precision(index, weight)

    def _for_each_tensor(self, index, weight, grad, state, update_one):
        """update_one(index, weight, grad, state, hyperparameters) for the one
        tensor given, or for each of the lists given (the multi-tensor form)."""
        if not isinstance(index, (tuple, list)):
            _checks.check_ndarray_type("weight", weight)
            _checks.check_ndarray_type("grad", grad)
            update_one(index, weight, grad, state,
                       self._begin_update(index, weight, grad))
            return
        name = type(self).__name__
        if not self.MULTI_TENSOR:
            raise TypeError(
                f"{name} updates one parameter per call: index must be an int "
                f"or a name, got a {type(index).__name__} (MXNet's {name} has "
                f"no multi-tensor form; SGD, LARS and LAMB have one)")
        for argument, values in (("weight", weight), ("grad", grad),
                                 ("state", state)):
            if not isinstance(values, (tuple, list)) or len(values) != len(index):
                raise TypeError(
                    f"{argument} must be a list of {len(index)} entries, one per "
                    f"index, in the multi-tensor form, got {values!r:.80}")
        for one_weight, one_grad in zip(weight, grad):
            _checks.check_ndarray_type("weight", one_weight)
            _checks.check_ndarray_type("grad", one_grad)
        hyperparameters = self._begin_updates(index, weight, grad)
        for arguments in zip(index, weight, grad, state, hyperparameters):
            update_one(*arguments)

    def _update_tensor_multi_precision(self, index, weight, grad, state,
                                       hyperparameters):
        if (self.multi_precision and weight.dtype == np.float16
                and isinstance(state, (tuple, list))):
            if self.MASTER_COPY_LAST:
                # MXNet's own mixed-precision kernels (SGD, NAG, LARS): they
                # have no sparse form, so a row_sparse gradient is made dense
                inner_state, master_copy = state
            else:
                master_copy, inner_state = state
            self._update_tensor(index, master_copy, grad.astype(np.float32),
                                inner_state, hyperparameters,
                                lazy_allowed=not self.MASTER_COPY_LAST)
            nd.cast(master_copy, dtype=weight.dtype, out=weight)
        else:
            self._update_tensor(index, weight, grad, state, hyperparameters)

    # ---- storage types (storage.py)

    def _row_sparse_mode(self, weight, grad, state, hyperparameters):
        """'lazy' (only the rows present move) or 'dense' (the gradient made
        dense) for a row_sparse gradient, as MXNet's class does: 'dense' here."""
        return "dense"

    def _lazy_if(self, lazy_update, weight, state):
        """MXNet's fused SGD-momentum and Adam kernels: lazy when lazy_update is set
        and the state has the weight's storage type."""
        lazy = lazy_update and storage.same_storage(weight, state)
        return "lazy" if lazy else "dense"

    def _update_tensor(self, index, weight, grad, state, hyperparameters,
                       lazy_allowed=True):
        """Run `step` on MXNet's storage types: see the class docstring."""
        mode = "dense"
        if grad.stype == "row_sparse" and lazy_allowed:
            mode = self._row_sparse_mode(weight, grad, state, hyperparameters)
        stored = [weight] + storage.arrays(state)
        if storage.all_dense(*stored):
            work_weight, work_state = weight, state
        else:  # a sparse weight or state: work on dense copies, store back
            work_weight = storage.dense(weight)
            work_state = storage.map_state(storage.dense, state)
        if mode == "lazy":
            self._step_rows(index, work_weight, grad, work_state,
                            hyperparameters)
        else:
            grad = storage.dense(grad)
            if self.fast and fastpath.supports(work_weight, grad):
                self.fast_step(index, work_weight, grad, work_state,
                               *hyperparameters)
            else:
                self.step(index, work_weight, grad, work_state, *hyperparameters)
        for target, work in zip(stored, [work_weight] + storage.arrays(work_state)):
            if work is not target:
                target[:] = work

    def _step_rows(self, index, weight, grad, state, hyperparameters):
        """The lazy update: `step` on the rows present in the row_sparse
        gradient, written back; the other rows keep their weight and state."""
        rows = grad.indices
        if rows.shape[0] == 0:
            return
        weight_rows = storage.rows_of(weight, rows)
        state_rows = storage.map_state(lambda array: storage.rows_of(array, rows),
                                       state)
        self.step(index, weight_rows, grad.data, state_rows, *hyperparameters)
        storage.put_rows_(weight, rows, weight_rows)
        for array, array_rows in zip(storage.arrays(state),
                                     storage.arrays(state_rows)):
            storage.put_rows_(array, rows, array_rows)

    def __repr__(self):
        return f"gluon_opt.optimizers.{type(self).__name__}(lr={self.learning_rate})"
