"""A learning-rate schedule in MXNet's Module API (the book's symbolic example).

`softmax_module`'s softmax regression trained by `Module.fit` with SGD at
learning rate 0.1 under MXNet's `FactorScheduler(step=100, factor=0.9)`, and
again under the scratch factor schedule and uniform initializer of gluon_opt;
the rows compare the learning rate each update used.
"""
import mxnet as mx

from .. import initializers, schedules
from ..softmax_module import fit_softmax_demo
from .registry import Result, Row, experiment


def mxnet_and_scratch_runs(num_epochs=25):
    """The Module run with MXNet's FactorScheduler and Uniform(1.0), and the
    same run with gluon_opt's factor schedule and uniform initializer."""
    # base_lr is the optimizer's learning rate (0.1): with the schedulers'
    # default 0.01 MXNet prints that learning_rate overwrote it.
    mxnet_run = fit_softmax_demo(
        mx.lr_scheduler.FactorScheduler(step=100, factor=0.9, base_lr=0.1),
        mx.initializer.Uniform(scale=1.0), num_epochs)
    scratch_run = fit_softmax_demo(
        schedules.create("factor", step=100, factor=0.9, base_lr=0.1),
        initializers.create("uniform", scale=1.0), num_epochs)
    return mxnet_run, scratch_run


@experiment("lr-schedule", "FactorScheduler in Module.fit: MXNet's and the "
            "scratch schedule, update by update")
def lr_schedule(quick):
    mxnet_run, scratch_run = mxnet_and_scratch_runs(num_epochs=10 if quick else 25)
    fig = schedules.plot_learning_rates(
        {"MXNet FactorScheduler": mxnet_run.learning_rates,
         "gluon_opt factor": scratch_run.learning_rates},
        title="SGD, step=100, factor=0.9")
    largest_gap = max(abs(a - b) for a, b in zip(mxnet_run.learning_rates,
                                                 scratch_run.learning_rates))
    return Result(figures={"lr-schedule": fig}, rows=[
        Row("updates", len(scratch_run.updates)),
        Row("final lr, MXNet FactorScheduler", mxnet_run.final_learning_rate),
        Row("final lr, scratch factor", scratch_run.final_learning_rate),
        Row("largest |lr scratch - lr MXNet|", largest_gap),
        Row("valid accuracy, MXNet", mxnet_run.valid_accuracy),
        Row("valid accuracy, scratch", scratch_run.valid_accuracy),
    ])
