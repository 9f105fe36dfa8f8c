"""Learning-rate schedules: the learning rate as a pure function of the update.

`create(name, **kwargs)` builds one of MXNet's four schedules, 'factor',
'multifactor', 'poly' and 'cosine', with MXNet's keyword arguments, as an
`mx.lr_scheduler.LRScheduler` that any MXNet optimizer accepts:

    sched = schedules.create('factor', step=100, factor=0.9)
    mx.optimizer.create('sgd', learning_rate=0.1, lr_scheduler=sched)

At every update number 1, 2, ... it gives MXNet's learning rate. Each schedule
is one small formula (`factor_lr`, `multifactor_lr`, `poly_lr`, `cosine_lr`,
and `warmup_lr` for the warmup that all share); the classes only check the
arguments and call it.

Pure, where MXNet's are stateful. MXNet's FactorScheduler and
MultiFactorScheduler decay by multiplying their own `base_lr` as updates pass
and never undo it, so once asked about update 500 they answer for update 10
with the rate of update 500. Ours keep no such state: the rate of update t is
always the same number, whatever was asked before (e.g. when plotting a
schedule, restarting a run, or asking the optimizer in between).

Two MXNet conventions are kept so the numbers stay equal under an optimizer.
`Optimizer.__init__` sets `lr_scheduler.base_lr = learning_rate`: factor and
multifactor decay from that `base_lr`, while poly and cosine (like MXNet's)
decay from the `base_lr` given when the schedule was made. And a warmup always
climbs to the `base_lr` given when the schedule was made (`warmup_final_lr`).
"""
import math
import numbers

import mxnet as mx

from . import _checks, plotting
from ._factory import Factory, unknown_name_error

WARMUP_MODES = ("linear", "constant")


# ---------------------------------------------------------------- the formulas

def warmup_lr(num_update, warmup_steps, warmup_begin_lr, warmup_final_lr,
              warmup_mode="linear"):
    """The learning rate during warmup (num_update < warmup_steps).

    'linear' climbs in equal increments, begin + (final - begin)·t/T;
    'constant' stays at warmup_begin_lr (Goyal et al. 2017, "Accurate, Large
    Minibatch SGD", use the linear ramp).
    """
    if warmup_mode == "constant":
        return warmup_begin_lr
    return warmup_begin_lr + (warmup_final_lr - warmup_begin_lr) * (
        float(num_update) / float(warmup_steps))


def factor_lr(num_update, base_lr, step, factor, stop_factor_lr):
    """Step decay: base_lr·factor^k, k = ⌈t/step⌉ − 1 decays (none before).

    Update t = step still uses the undecayed rate; the first decay applies at
    t = step + 1. Once decayed, the rate never falls below stop_factor_lr.
    """
    decays = max(0, (num_update - 1) // step)
    if decays == 0:
        return base_lr
    return max(base_lr * factor ** decays, stop_factor_lr)


def multifactor_lr(num_update, base_lr, step, factor):
    """Piecewise-constant decay: base_lr·factor^k, k = #{s in step : t > s}."""
    decays = sum(1 for boundary in step if num_update > boundary)
    return base_lr * factor ** decays


def poly_lr(num_update, base_lr, max_update, pwr, final_lr, warmup_steps=0):
    """Polynomial decay from base_lr to final_lr over the updates after warmup:

        final_lr + (base_lr − final_lr)·(1 − (t − w)/(max_update − w))^pwr,

    held at its value at max_update afterwards.
    """
    progress = float(min(num_update, max_update) - warmup_steps) / float(
        max_update - warmup_steps)
    return final_lr + (base_lr - final_lr) * pow(1 - progress, pwr)


def cosine_lr(num_update, base_lr, max_update, final_lr, warmup_steps=0):
    """Cosine decay (Loshchilov & Hutter 2017, "SGDR", without restarts):

        final_lr + (base_lr − final_lr)·(1 + cos(π·(t − w)/(max_update − w)))/2,

    held at final_lr after max_update.
    """
    progress = float(min(num_update, max_update) - warmup_steps) / float(
        max_update - warmup_steps)
    return final_lr + (base_lr - final_lr) * (1 + math.cos(math.pi * progress)) / 2


# ---------------------------------------------------------------- the registry

SCHEDULES = Factory("schedule")
register = SCHEDULES.register


def create(name, **kwargs):
    """The schedule `name` ('factor', 'multifactor', 'poly' or 'cosine') made
    with MXNet's keyword arguments, e.g. create('factor', step=100, factor=0.9).
    """
    return SCHEDULES.create(name, **kwargs)


def _check_factor(factor):
    factor = _checks.check_number("factor", factor)
    if not 0 < factor <= 1:
        raise ValueError(f"factor must be in (0, 1] so that the learning rate "
                         f"decays, got {factor}")
    return factor


class Schedule(mx.lr_scheduler.LRScheduler):
    """The bookkeeping every schedule shares: argument checks and warmup.

    A subclass only says how the rate decays after warmup (`decayed_lr`).
    Calling the schedule changes nothing in it.
    """
    name = None

    def __init__(self, base_lr=0.01, warmup_steps=0, warmup_begin_lr=0,
                 warmup_mode="linear"):
        # Rates as floats: a schedule returns a float whatever number type
        # it was given (MXNet's return an int given ints).
        base_lr = float(_checks.check_number("base_lr", base_lr, minimum=0))
        warmup_steps = _checks.check_int("warmup_steps", warmup_steps, minimum=0)
        warmup_begin_lr = float(_checks.check_number(
            "warmup_begin_lr", warmup_begin_lr, minimum=0))
        if warmup_begin_lr > base_lr:
            raise ValueError(f"warmup_begin_lr must be at most base_lr ({base_lr}) "
                             f"since warmup climbs to base_lr, got {warmup_begin_lr}")
        if not isinstance(warmup_mode, str) or warmup_mode not in WARMUP_MODES:
            raise unknown_name_error(warmup_mode, WARMUP_MODES, "warmup_mode")
        # Sets base_lr, warmup_final_lr (= base_lr, fixed from now on),
        # warmup_steps, warmup_begin_lr and warmup_mode, as MXNet's do.
        super().__init__(base_lr, warmup_steps, warmup_begin_lr, warmup_mode)

    def __call__(self, num_update):
        """The learning rate of update `num_update` (0, 1, 2, ...)."""
        num_update = _checks.check_int("num_update", num_update, minimum=0)
        if num_update < self.warmup_steps:
            return warmup_lr(num_update, self.warmup_steps, self.warmup_begin_lr,
                             self.warmup_final_lr, self.warmup_mode)
        return self.decayed_lr(num_update)

    def decayed_lr(self, num_update):
        """The learning rate after warmup."""
        raise NotImplementedError("a Schedule subclass defines decayed_lr")

    def __repr__(self):
        return f"{type(self).__name__}({self.__dict__})"


@register("factor")
class FactorSchedule(Schedule):
    """MXNet's FactorScheduler: multiply by `factor` every `step` updates."""

    def __init__(self, step, factor=1, stop_factor_lr=1e-8, base_lr=0.01,
                 warmup_steps=0, warmup_begin_lr=0, warmup_mode="linear"):
        super().__init__(base_lr, warmup_steps, warmup_begin_lr, warmup_mode)
        self.step = _checks.check_int("step", step, minimum=1)
        self.factor = _check_factor(factor)
        self.stop_factor_lr = float(_checks.check_number(
            "stop_factor_lr", stop_factor_lr, minimum=0))

    def decayed_lr(self, num_update):
        return factor_lr(num_update, self.base_lr, self.step, self.factor,
                         self.stop_factor_lr)


@register("multifactor")
class MultiFactorSchedule(Schedule):
    """MXNet's MultiFactorScheduler: multiply by `factor` after each update
    number in the increasing list `step`."""

    def __init__(self, step, factor=1, base_lr=0.01, warmup_steps=0,
                 warmup_begin_lr=0, warmup_mode="linear"):
        super().__init__(base_lr, warmup_steps, warmup_begin_lr, warmup_mode)
        if isinstance(step, (str, bytes)) or not hasattr(step, "__iter__"):
            raise TypeError(f"step must be a list of update numbers, e.g. "
                            f"[100, 200], got {step!r}")
        step = [_checks.check_int("step", boundary, minimum=1) for boundary in step]
        if not step:
            raise ValueError("step must hold at least one update number, got []")
        if any(later <= earlier for earlier, later in zip(step, step[1:])):
            raise ValueError(f"step must be strictly increasing, got {step}")
        self.step = step
        self.factor = _check_factor(factor)

    def decayed_lr(self, num_update):
        return multifactor_lr(num_update, self.base_lr, self.step, self.factor)


class _DecayToFinal(Schedule):
    """Shared checks of poly and cosine, which decay over a fixed horizon."""

    def __init__(self, max_update, base_lr, final_lr, warmup_steps,
                 warmup_begin_lr, warmup_mode):
        super().__init__(base_lr, warmup_steps, warmup_begin_lr, warmup_mode)
        self.max_update = _checks.check_int("max_update", max_update, minimum=1)
        if self.max_update <= self.warmup_steps:
            raise ValueError(f"max_update must be larger than warmup_steps "
                             f"({self.warmup_steps}), got {self.max_update}")
        self.final_lr = float(_checks.check_number("final_lr", final_lr,
                                                   minimum=0))
        # As MXNet's: decay from the base_lr given here, even when an
        # optimizer later overwrites self.base_lr with its learning_rate.
        self.base_lr_orig = self.base_lr


@register("poly")
class PolySchedule(_DecayToFinal):
    """MXNet's PolyScheduler: polynomial decay of power `pwr` to final_lr."""

    def __init__(self, max_update, base_lr=0.01, pwr=2, final_lr=0,
                 warmup_steps=0, warmup_begin_lr=0, warmup_mode="linear"):
        super().__init__(max_update, base_lr, final_lr, warmup_steps,
                         warmup_begin_lr, warmup_mode)
        self.power = _checks.check_number("pwr", pwr, minimum=0)

    def decayed_lr(self, num_update):
        return poly_lr(num_update, self.base_lr_orig, self.max_update, self.power,
                       self.final_lr, self.warmup_steps)


@register("cosine")
class CosineSchedule(_DecayToFinal):
    """MXNet's CosineScheduler: half a cosine from base_lr down to final_lr."""

    def __init__(self, max_update, base_lr=0.01, final_lr=0, warmup_steps=0,
                 warmup_begin_lr=0, warmup_mode="linear"):
        super().__init__(max_update, base_lr, final_lr, warmup_steps,
                         warmup_begin_lr, warmup_mode)

    def decayed_lr(self, num_update):
        return cosine_lr(num_update, self.base_lr_orig, self.max_update,
                         self.final_lr, self.warmup_steps)


# ------------------------------------------------------- watching a schedule

class LearningRateRecorder:
    """A Module.fit batch_end_callback that logs the learning rate each
    update used: after the update, the optimizer's num_update is that update's
    number and `optimizer.learning_rate` asks its scheduler for that number's
    rate, which is the rate the update was given. (On one machine: with a
    distributed kvstore the optimizer that updates is a copy on the servers.)
    """

    def __init__(self):
        self.updates = []
        self.learning_rates = []

    def __call__(self, batch_end_param):
        module = (getattr(batch_end_param, "locals", None) or {}).get("self")
        optimizer = getattr(module, "_optimizer", None)
        if not isinstance(optimizer, mx.optimizer.Optimizer):
            raise TypeError("LearningRateRecorder is a batch_end_callback for "
                            "Module.fit: pass it as mod.fit(..., "
                            "batch_end_callback=recorder) after init_optimizer")
        self.updates.append(optimizer.num_update)
        self.learning_rates.append(float(optimizer.learning_rate))


def learning_rates(scheduler, num_updates):
    """[scheduler(1), ..., scheduler(num_updates)], asked in that order."""
    num_updates = _checks.check_int("num_updates", num_updates, minimum=1)
    return [float(scheduler(t)) for t in range(1, num_updates + 1)]


def plot_learning_rates(curves, num_updates=None, figsize=(5, 2.5),
                        title=None):
    """Plot learning rate against update number; return the figure.

    curves: {label: schedule or list of rates}. A schedule is asked for updates
    1..num_updates in order; a list holds the rates of updates 1, 2, ...
    """
    if not isinstance(curves, dict) or not curves:
        raise TypeError(f"curves must be a non-empty dict {{label: schedule or "
                        f"list of rates}}, got {type(curves).__name__}")
    plotting.set_figsize(figsize)
    fig, ax = plotting.plt.subplots(figsize=figsize)
    styles = ["-", "--", ":", "-."]
    for i, (label, curve) in enumerate(curves.items()):
        if callable(curve):
            if num_updates is None:
                raise ValueError(f"num_updates is needed to plot the schedule "
                                 f"{label!r}; pass e.g. num_updates=500")
            rates = learning_rates(curve, num_updates)
        else:
            rates = (list(curve) if hasattr(curve, "__iter__")
                     and not isinstance(curve, str) else None)
            if not rates or not all(isinstance(r, numbers.Real) for r in rates):
                raise TypeError(f"curves[{label!r}] must be a schedule or a "
                                f"non-empty list of rates, got {curve!r:.60}")
            rates = [float(r) for r in rates]
        ax.plot(range(1, len(rates) + 1), rates, styles[i % len(styles)],
                label=str(label))
    ax.set_xlabel("update")
    ax.set_ylabel("learning rate")
    if title:
        ax.set_title(title)
    ax.legend()
    return plotting.show(fig)
