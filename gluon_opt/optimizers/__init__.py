"""Scratch optimizers, written as NDArray arithmetic.

- `book`: the chapter's functions f(params, states, hyperparams) (d2l names);
- `create(name, **kwargs)`: MXNet's 17 optimizers under MXNet's names and
  keyword arguments, and AdaBelief, which MXNet lacks, as our own `mx.optimizer.Optimizer` subclasses (also in
  MXNet's registry as 'scratch_<name>', e.g. gluon.Trainer(p, 'scratch_adam'));
- `pieces`: the named steps both are built from;
- `storage`: MXNet's storage types under the classes (row_sparse gradients
  update lazily or densely, as MXNet's class of the same name does);
- `fast`: the operators and workspace of the fast path, the same math with
  no new arrays, which a class has where it defines `fast_step`
  (`with_fast_path()`: SGD, AdaGrad and Adam): `create('adam', fast=True)`,
  tested bit-equal to the readable `step`; benchmarks/steps.py (in the
  repository, not installed) times it.
"""
from . import fast, pieces, storage
from .adam import FTML, AdaBelief, Adam, Adamax, Nadam
from .adaptive import AdaDelta, AdaGrad, Ftrl, GroupAdaGrad, RMSProp
from .base import (MXNET_PREFIX, Optimizer, create, names, register,
                   with_fast_path)
from .layerwise import LAMB, LARS, LBSGD
from .sgd import DCASGD, NAG, SGD, SGLD, Signum

# Last: importing a submodule binds its name on this package, so the module
# gluon_opt/optimizers/sgd.py would replace the book's function `sgd` if it
# were first imported after this line.
from .book import (adadelta, adagrad, adam, init_adadelta_states,  # noqa: E402
                   init_adagrad_states, init_adam_states, init_momentum_states,
                   init_rmsprop_states, rmsprop, sgd, sgd_momentum)

__all__ = [
    # the book's functions
    "sgd", "init_momentum_states", "sgd_momentum", "init_adagrad_states",
    "adagrad", "init_rmsprop_states", "rmsprop", "init_adadelta_states",
    "adadelta", "init_adam_states", "adam",
    # the registry and the classes
    "create", "names", "register", "with_fast_path", "Optimizer",
    "MXNET_PREFIX",
    "SGD", "NAG", "Signum", "FTML", "LARS", "LBSGD", "DCASGD", "SGLD", "Adam",
    "AdaGrad", "RMSProp", "AdaDelta", "Ftrl", "Adamax", "Nadam", "LAMB",
    "GroupAdaGrad", "AdaBelief", "pieces", "fast", "storage",
]
