"""The optimizers under test, each described once (as torch's `optim_db`).

Every optimizer suite loops over CASES: the equality suite (MXNet's
optimizer side by side), MXNet's own kind of test (mxnet_cases), the
property, trainer, training, fast-path and registry tests. A new optimizer
needs one entry here; one without an MXNet peer says `mxnet_peer=False`,
and the suites that compare with MXNet leave it out.

Whether an optimizer has a fast path is the library's to say (a class with
`fast_step`): `Case.fast_path` asks it.
"""
from dataclasses import dataclass, field
from typing import Callable, Optional

import mxnet as mx

from gluon_opt import optimizers

# storage types (weight, gradient) for MXNet's kind of test
DENSE = (("default", "default"),)
FALLBACK = (("default", "default"), ("default", "row_sparse"))
SPARSE = (("row_sparse", "row_sparse"),)


@dataclass(frozen=True)
class Refusal:
    """A configuration MXNet 1.9.1 cannot run, so there is nothing to
    compare with: `when(kwargs, sparse)` says whether `kwargs` (with a
    row_sparse gradient if `sparse`) is one."""
    when: Callable[[dict, bool], bool]
    reason: str


def schedule(lr, step):
    """A factor-0.5 schedule: a fresh one per optimizer (it is stateful)."""
    return mx.lr_scheduler.FactorScheduler(step=step, factor=0.5, base_lr=lr)


@dataclass(frozen=True)
class Case:
    name: str
    # moves the weights visibly in 25 steps (equality, fast path)
    learning_rate: float
    # its own options, each run on top of the defaults (equality, fast path);
    # those MXNet refuses are skipped with the reason
    variants: tuple = ()
    # MXNet's kind of test: an option grid, dtypes, storage types
    options: dict = field(default_factory=dict)
    dtypes: tuple = ("float32",)
    storage: tuple = DENSE
    mxnet_peer: bool = True
    refusals: tuple = ()
    takes_momentum: bool = False   # lr_scheduler and row_sparse runs set 0.9
    lazy_update: bool = False      # has the flag (one more row_sparse run)
    multi_tensor: bool = False     # takes MXNet's list form
    weights_2d_only: bool = False  # GroupAdaGrad: one accumulator per row
    draws_noise: bool = False      # SGLD: compared with the same seeds
    # hypothesis: more options drawn, name -> (low, high) or a list of values
    random_options: dict = field(default_factory=dict)
    # m/u = 0/0 where the first gradient is 0 (Adamax), in MXNet as here
    nan_where_first_gradient_is_zero: bool = False
    # linear regression to the noise floor: (keyword arguments, epochs), or
    # None when it does not minimize (a sampler)
    training: Optional[Callable[[], tuple]] = None
    # save_states / load_states; whether the steps differ without the state
    resume: dict = field(default_factory=lambda: {"learning_rate": 0.01})
    resume_needs_state: bool = True
    # MXNet's states loaded into ours and back: options, with float16?
    round_trip: dict = field(default_factory=dict)
    round_trip_multi_precision: bool = False
    # nn.Embedding(sparse_grad=True) through gluon.Trainer, against MXNet's
    embedding: tuple = ()

    @property
    def fast_path(self):
        return self.name in optimizers.with_fast_path()

    def mxnet_refusal(self, kwargs, sparse=False):
        """The reason MXNet cannot run `kwargs`, or None."""
        for refusal in self.refusals:
            if refusal.when(kwargs, sparse):
                return refusal.reason
        return None

    def __str__(self):
        return self.name


def _nonzero(kwargs, key, default=0.0):
    return bool(kwargs.get(key, default))


def _lr(lr, epochs, **kwargs):
    return lambda: ({"learning_rate": lr, **kwargs}, epochs)


def _scheduled(lr, step, epochs, **kwargs):
    return lambda: ({"learning_rate": lr, "lr_scheduler": schedule(lr, step),
                     **kwargs}, epochs)


ADAM_BETA1 = {"beta1": (0.0, 0.95)}

CASES = [
    Case("sgd", 0.1, variants=({"momentum": 0.9},),
         options={"momentum": [0.0, 0.9], "lazy_update": [True, False]},
         dtypes=("float16", "float32", "float64"), storage=FALLBACK + SPARSE,
         takes_momentum=True, lazy_update=True, multi_tensor=True,
         training=_lr(0.03, 2, momentum=0.9),
         resume={"learning_rate": 0.01, "momentum": 0.9},
         round_trip={"learning_rate": 0.1, "momentum": 0.9, "wd": 0.01},
         round_trip_multi_precision=True,
         embedding=({"learning_rate": 0.1, "momentum": 0.9},
                    {"learning_rate": 0.1, "momentum": 0.9, "wd": 0.1},
                    {"learning_rate": 0.1, "momentum": 0.9, "wd": 0.1,
                     "lazy_update": False},
                    {"learning_rate": 0.1, "wd": 0.1})),
    Case("nag", 0.1, variants=({"momentum": 0.9}, {"momentum": 0.9, "wd": 0.05}),
         options={"momentum": [0.0, 0.9]}, dtypes=("float16", "float32"),
         storage=FALLBACK, takes_momentum=True,
         refusals=(Refusal(lambda kw, sparse: _nonzero(kw, "momentum")
                           and _nonzero(kw, "wd"),
                           "MXNet's nag_mom_update decays the momentum with the "
                           "updated weight; test_optimizers.py checks ours "
                           "against the documented formula"),),
         training=_lr(0.03, 2, momentum=0.9),
         resume={"learning_rate": 0.01, "momentum": 0.9},
         round_trip={"learning_rate": 0.1, "momentum": 0.9},
         round_trip_multi_precision=True,
         embedding=({"learning_rate": 0.1, "wd": 0.1},)),
    Case("signum", 0.01,
         variants=({"momentum": 0.0}, {"wd_lh": 0.05},
                   {"momentum": 0.0, "wd_lh": 0.05}),
         options={"momentum": [0.0, 0.9], "wd_lh": [0.0, 0.015]},
         dtypes=("float32", "float64"), takes_momentum=True,
         refusals=(Refusal(lambda kw, sparse: _nonzero(kw, "wd_lh")
                           and not _nonzero(kw, "momentum", 0.9),
                           "MXNet's signsgd_update has no wd_lh argument "
                           "(MXNetError)"),),
         training=_scheduled(0.05, 50, 4), resume_needs_state=False,
         round_trip={"learning_rate": 0.01, "wd_lh": 0.01}),
    Case("ftml", 0.05, variants=({"beta1": 0.9},),
         options={"beta1": [0.6, 0.7], "beta2": [0.999, 0.9]},
         random_options=ADAM_BETA1, training=_lr(0.5, 3),
         round_trip={"learning_rate": 0.05}),
    Case("lars", 0.5,
         variants=({"momentum": 0.9, "eta": 0.1},
                   {"momentum": 0.9, "eta": 0.1, "momentum_correction": False}),
         options={"momentum": [0.0, 0.9], "eta": [0.001, 0.1],
                  "lazy_update": [True, False]},
         dtypes=("float16", "float32"), storage=FALLBACK,
         takes_momentum=True, lazy_update=True, multi_tensor=True,
         training=_scheduled(1.0, 50, 4, eta=0.05, momentum=0.9),
         resume={"learning_rate": 0.01, "momentum": 0.9},
         round_trip={"learning_rate": 0.5, "momentum": 0.9, "eta": 0.1},
         round_trip_multi_precision=True),
    Case("lbsgd", 0.1,
         variants=({"momentum": 0.9, "batch_scale": 2,
                    "warmup_strategy": "power2", "warmup_epochs": 1,
                    "updates_per_epoch": 8},
                   {"momentum": 0.9, "warmup_strategy": "lars"}),
         options={"momentum": [0.0, 0.9], "warmup_strategy": ["linear", "lars"]},
         storage=FALLBACK, takes_momentum=True,
         training=_lr(0.03, 2, momentum=0.9),
         # batch_scale 3: a half-summed gradient in the saved state
         resume={"learning_rate": 0.01, "momentum": 0.9, "batch_scale": 3},
         round_trip={"learning_rate": 0.1, "momentum": 0.9}),
    Case("dcasgd", 0.1, variants=({"lamda": 0.5}, {"momentum": 0.9}),
         options={"lamda": [0.04, 0.5]},
         refusals=(Refusal(lambda kw, sparse: _nonzero(kw, "momentum"),
                           "MXNet's DCASGD raises for momentum > 0 (`if mom:` "
                           "on an NDArray); test_optimizers.py checks ours "
                           "against the formula"),),
         training=_lr(0.1, 2),
         resume={"learning_rate": 0.01, "momentum": 0.9},
         round_trip={"learning_rate": 0.1}),
    # a sampler, not a minimizer: test_optimizers_training.py checks its spread
    Case("sgld", 0.01, draws_noise=True, resume_needs_state=False,
         round_trip={"learning_rate": 0.01}),
    Case("adam", 0.01, options={"lazy_update": [True, False]},
         dtypes=("float16", "float32", "float64"), storage=FALLBACK + SPARSE,
         lazy_update=True, random_options=ADAM_BETA1,
         training=_scheduled(0.1, 50, 4),
         round_trip={"learning_rate": 0.01, "wd": 0.01},
         round_trip_multi_precision=True,
         embedding=({"learning_rate": 0.1}, {"learning_rate": 0.1, "wd": 0.1},
                    {"learning_rate": 0.1, "wd": 0.1, "lazy_update": False})),
    Case("adagrad", 0.1, options={"eps": [1e-7, 1e-8]},
         storage=FALLBACK + SPARSE,
         refusals=(Refusal(lambda kw, sparse: sparse and _nonzero(kw, "wd"),
                           "MXNet's sparse AdaGrad kernel has no weight decay "
                           "(ours refuses it too)"),),
         training=_lr(1.0, 3), round_trip={"learning_rate": 0.1},
         embedding=({"learning_rate": 0.1},)),
    Case("rmsprop", 0.01,
         variants=({"centered": True}, {"centered": True, "clip_weights": 0.9},
                   {"clip_weights": 0.9}),
         options={"centered": [False, True], "clip_weights": [None, 0.01]},
         dtypes=("float16", "float32"), storage=FALLBACK,
         random_options={"centered": [False, True]},
         training=_scheduled(0.05, 50, 4),
         resume={"learning_rate": 0.01, "centered": True},
         round_trip={"learning_rate": 0.01, "centered": True},
         round_trip_multi_precision=True,
         embedding=({"learning_rate": 0.1, "wd": 0.1, "centered": True},)),
    Case("adadelta", 1.0, variants=({"rho": 0.5},),
         options={"rho": [0.9, 0.5]},
         training=lambda: ({"rho": 0.9, "epsilon": 1e-3}, 4)),
    Case("ftrl", 0.1, variants=({"lamda1": 0.2, "beta": 0.5},),
         options={"lamda1": [0.01, 1.0]}, storage=FALLBACK + SPARSE,
         training=_lr(1.0, 3, lamda1=0.0), round_trip={"learning_rate": 0.1},
         embedding=({"learning_rate": 0.1, "wd": 0.1},)),
    Case("adamax", 0.01, random_options=ADAM_BETA1,
         nan_where_first_gradient_is_zero=True,
         training=_lr(0.1, 3, beta2=0.99), round_trip={"learning_rate": 0.01}),
    Case("nadam", 0.01, variants=({"schedule_decay": 0.1},),
         random_options=ADAM_BETA1, training=_scheduled(0.1, 100, 6),
         round_trip={"learning_rate": 0.01}),
    # LAMB ends near 1.1e-4 after 4 epochs (ours and MXNet's single-tensor
    # kernel alike; its aggregated kernel 5.8e-5): 6 epochs reach 4.8e-5.
    Case("lamb", 0.01,
         variants=({"bias_correction": False, "wd": 0.5},
                   {"lower_bound": 2.0, "upper_bound": 3.0}),
         options={"bias_correction": [True, False], "lower_bound": [None, 1e-3],
                  "upper_bound": [None, 10.0]},
         dtypes=("float16", "float32"), multi_tensor=True,
         random_options=ADAM_BETA1, training=_scheduled(0.1, 50, 6),
         round_trip={"learning_rate": 0.01},
         embedding=({"learning_rate": 0.1, "wd": 0.1},)),
    Case("groupadagrad", 0.1, variants=({"wd": 0.05},),
         options={"eps": [1e-5, 1e-6]}, storage=DENSE + SPARSE,
         weights_2d_only=True,
         refusals=(Refusal(lambda kw, sparse: _nonzero(kw, "wd"),
                           "MXNet's GroupAdaGrad asserts wd == 0 (ours refuses "
                           "wd with a ValueError); its wd configurations run "
                           "with wd=0"),),
         training=_lr(1.0, 3), round_trip={"learning_rate": 0.1}),
    # MXNet has none: the suites that compare with MXNet leave it out
    Case("adabelief", 0.01, mxnet_peer=False, training=_scheduled(0.1, 50, 4)),
]

WITH_MXNET = [case for case in CASES if case.mxnet_peer]
FAST = [case for case in CASES if case.fast_path]


def params(cases, id_suffix=""):
    """pytest parameters, one per case, named after it."""
    import pytest
    return [pytest.param(case, id=case.name + id_suffix) for case in cases]
